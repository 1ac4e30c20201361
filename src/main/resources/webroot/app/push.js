// Notifications on this device: the browser's Push API with the server's key; /sw.js shows what comes.
import { del, get, post, put } from './api.js';
import { dateFormat, lang, t } from './i18n.js';
import { errorBox, h } from './ui.js';

const DEVICE = 'deling.pushDevice';
const supported = () => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

/** The service worker, so a tapped notification opens here; and a tap while Deling is open goes to what it is about. */
export function startWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js').catch(() => {});
  navigator.serviceWorker.addEventListener('message', (e) => {
    const url = e.data?.open && new URL(e.data.open, location.href);
    if (url && url.origin === location.origin) location.hash = url.hash || '#/notifications';
  });
}

const keyBytes = (b64) => Uint8Array.from(atob(b64.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/** "Chrome on Android": what the person sees in their list of devices. */
function label() {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'Browser';
  const system = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS/.test(ua) ? 'macOS'
    : /Linux/.test(ua) ? 'Linux' : '';
  return system ? `${browser} ${t.on} ${system}` : browser;
}

/** At logout: this device is no longer notified, here or at the server (best effort: logging out never waits long). */
export async function forgetThisDevice() {
  const here = localStorage.getItem(DEVICE);
  if (!here) return;
  localStorage.removeItem(DEVICE);
  await Promise.race([Promise.all([
    del(`/api/me/push-subscriptions/${here}`).catch(() => {}),
    navigator.serviceWorker?.getRegistration().then((r) => r?.pushManager.getSubscription()).then((sub) => sub?.unsubscribe()).catch(() => {}),
  ]), new Promise((done) => setTimeout(done, 2000))]);
}

/** The choice on one's own profile, or null where this server or browser does not push. */
export async function pushChoice() {
  if (!supported()) return null;
  const mine = await get('/api/me/push-subscriptions');
  if (!mine.available) return null;
  const box = h('input', { type: 'checkbox', id: 'push-here' });
  const list = h('ul', { id: 'push-devices' });
  const only = h('select', { id: 'push-only', 'aria-label': t.pushWhat, onchange: async () => {
    try { await put('/api/me/push-choice', { only: only.value }); } catch (e) { part.append(errorBox(e)); }
  } }, ...['all', 'waiting'].map((v) => h('option', { value: v, selected: mine.only === v }, v === 'all' ? t.pushAll : t.pushWaiting)));
  const part = h('div', { id: 'push' }, h('p', {}, h('label', {}, box, ' ', t.pushHere), ' ', only), list);
  const show = (items) => {
    const here = localStorage.getItem(DEVICE);
    box.checked = items.some((d) => d.id === here) && Notification.permission === 'granted';
    list.replaceChildren(...items.map((d) => h('li', { 'data-device': d.id }, `${d.label || d.service}${d.id === here ? ` (${t.thisDevice})` : ''} · `
      + `${t.added} ${dateFormat.format(new Date(d.addedAt))} `, h('button', { onclick: async () => {
      try { await del(`/api/me/push-subscriptions/${d.id}`); show((await get('/api/me/push-subscriptions')).items); } catch (e) { part.append(errorBox(e)); }
    } }, t.remove))));
  };
  show(mine.items);
  box.onchange = async () => {
    part.querySelector('.error')?.remove();
    try {
      const reg = await navigator.serviceWorker.register('/sw.js');
      if (box.checked) {
        if (await Notification.requestPermission() !== 'granted') throw new Error(t.pushBlocked);
        let sub = await reg.pushManager.getSubscription();
        // made with another key (the server's was replaced): its pushes would be refused, so it is made again
        const key = sub?.options?.applicationServerKey;
        if (sub && key && btoa(String.fromCharCode(...new Uint8Array(key))) !== btoa(String.fromCharCode(...keyBytes(mine.publicKey)))) {
          await sub.unsubscribe();
          sub = null;
        }
        if (!sub) sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(mine.publicKey) });
        const d = await post('/api/me/push-subscriptions', { ...sub.toJSON(), label: label(), language: lang });
        localStorage.setItem(DEVICE, d.id);
      } else {
        const here = localStorage.getItem(DEVICE);
        if (here) await del(`/api/me/push-subscriptions/${here}`).catch(() => {});
        await (await reg.pushManager.getSubscription())?.unsubscribe();
        localStorage.removeItem(DEVICE);
      }
      show((await get('/api/me/push-subscriptions')).items);
    } catch (e) {
      box.checked = !box.checked;
      part.append(errorBox(e));
    }
  };
  return part;
}
