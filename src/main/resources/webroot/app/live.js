// The one WebSocket: subscriptions by stream, resumed with `since` after a dropped connection or a
// sleeping laptop, so no entry is missed or seen twice. An `outdated_cursor` tells the page to
// refetch over HTTP; live entries follow.
import { session } from './api.js';

const listeners = new Map(); // stream wire name -> Set of handlers
const since = new Map(); // stream -> last position seen (resume point)
const selectors = new Map(); // stream -> subscribe message
let ws = null;
let attempt = 0;
let stateListener = () => {};
let closedForGood = false;

export function onState(f) { stateListener = f; }

function wire(sel) {
  switch (sel.stream) {
    case 'user': return `user:${sel.user}`;
    case 'topic': return `topic:${sel.tag}`;
    case 'thread': return `thread:${sel.post}`;
    case 'group': return `group:${sel.group}`;
    default: return sel.stream;
  }
}

/** Subscribes (once per stream); {@code handler(message)} gets every message of the stream. Returns an unsubscribe function. */
export function subscribe(sel, handler) {
  const name = wire(sel);
  let set = listeners.get(name);
  if (!set) {
    set = new Set();
    listeners.set(name, set);
    selectors.set(name, sel);
    send({ type: 'subscribe', ...sel, ...(since.has(name) ? { since: since.get(name) } : {}) });
  }
  set.add(handler);
  return () => {
    set.delete(handler);
    if (set.size === 0 && name !== 'home' && name !== 'notifications') {
      listeners.delete(name);
      selectors.delete(name);
      since.delete(name);
      send({ type: 'unsubscribe', ...sel });
    }
  };
}

function send(msg) {
  if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg));
}

export function connect() {
  const s = session.get();
  if (!s?.token) return;
  closedForGood = false;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/stream`;
  // browsers cannot set headers on a WebSocket: the token travels as a subprotocol, next to "deling"
  ws = new WebSocket(url, ['deling', s.token]);
  window.__delingSocket = ws; // for the browser tests
  stateListener('connecting');
  ws.onopen = () => {
    attempt = 0;
    stateListener('live');
    for (const [name, sel] of selectors) send({ type: 'subscribe', ...sel, ...(since.has(name) ? { since: since.get(name) } : {}) });
  };
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    const name = m.stream;
    if (typeof m.position === 'number' && name && m.type !== 'pulse' && m.type !== 'error') {
      if (m.type === 'subscribed' && since.has(name)) {
        // resuming: keep our own resume point, the replay follows
      } else {
        since.set(name, Math.max(since.get(name) || 0, m.position));
      }
    }
    const set = name ? listeners.get(name) : null;
    if (set) for (const h of set) h(m);
  };
  ws.onclose = (e) => {
    window.__delingSocket = null;
    if (closedForGood) return;
    if (e.code === 4003 || e.code === 4001) {
      stateListener('offline');
      return;
    }
    stateListener('reconnecting');
    attempt++;
    const delay = Math.min(15000, 250 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random() / 2);
    setTimeout(connect, delay);
  };
}

export function disconnect() {
  closedForGood = true;
  if (ws) ws.close(1000, 'bye');
  ws = null;
  listeners.clear();
  selectors.clear();
  since.clear();
}

// a laptop waking up, or the network coming back: reconnect at once rather than at the next back-off
window.addEventListener('online', () => { if (!ws || ws.readyState > 1) { attempt = 0; connect(); } });
