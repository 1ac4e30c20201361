// Deling's service worker: shows the notifications the server pushes to this device (who did what, never
// what a post said), and opens what one is about when it is tapped.
self.addEventListener('push', (event) => {
  let m = {};
  try { m = event.data ? event.data.json() : {}; } catch { m = {}; }
  event.waitUntil((async () => {
    // someone looking at Deling right now sees it arrive there
    const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    if (open.some((w) => w.focused && w.visibilityState === 'visible')) return;
    await self.registration.showNotification(m.title || 'Deling', {
      body: m.body || '', tag: m.tag || 'deling', renotify: true, icon: '/app/icon.svg', data: { url: m.url || '/#/notifications' } });
  })());
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url || '/#/notifications', self.location.origin).href;
  event.waitUntil((async () => {
    const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const same = open.find((w) => new URL(w.url).origin === self.location.origin);
    if (same) {
      await same.focus();
      same.postMessage({ open: url });
    } else {
      await self.clients.openWindow(url);
    }
  })());
});
