// The public HTTP API, exactly as a third-party client uses it: a bearer token, JSON, problem+json errors.
const KEY = 'deling.session';
/** Where a composer keeps what is typed but not yet posted (see {@code composer}'s {@code draft}). */
export const DRAFTS = 'deling.draft.';

export const session = {
  get() {
    try { return JSON.parse(sessionStorage.getItem(KEY) || localStorage.getItem(KEY) || 'null'); } catch { return null; }
  },
  set(s) { localStorage.setItem(KEY, JSON.stringify(s)); },
  clear() {
    localStorage.removeItem(KEY);
    sessionStorage.removeItem(KEY);
    // drafts are the signed-out person's words: they do not stay for whoever signs in next
    for (const k of Object.keys(localStorage)) if (k.startsWith(DRAFTS)) localStorage.removeItem(k);
  },
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

let onUnauthorized = () => {};
export function whenUnauthorized(f) { onUnauthorized = f; }

export async function api(method, path, body, extraHeaders) {
  const s = session.get();
  const headers = { Accept: 'application/json', ...extraHeaders };
  if (s?.token) headers.Authorization = `Bearer ${s.token}`;
  const raw = body instanceof Blob; // a file's bytes, as they are
  if (body !== undefined && !raw) headers['Content-Type'] = 'application/json';
  const r = await fetch(path, { method, headers, body: body === undefined || raw ? body : JSON.stringify(body) });
  if (r.status === 204) return null;
  const type = r.headers.get('Content-Type') || '';
  const json = type.includes('json') ? await r.json() : null;
  if (!r.ok) {
    if (r.status === 401 && s?.token) onUnauthorized();
    throw new ApiError(r.status, json);
  }
  return json;
}

export const get = (path) => api('GET', path);
// A post with the draft's Idempotency-Key: sent again after an answer that never came (the connection dropped after the
// server stored it), it returns the post the first attempt made instead of a second copy.
export const publish = (body, key) => api('POST', '/api/posts', body, { 'Idempotency-Key': key });
// 128 random bits as hex; crypto.getRandomValues works on plain http too (an intranet without TLS), randomUUID does not
export function newKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
export const upload = (file) => api('POST', `/api/files?name=${encodeURIComponent(file.name || 'image.png')}`, file, { 'Content-Type': 'application/octet-stream' });
/** A file the API serves (with the token, which an <img src> cannot send), as a URL of this page's own. */
export async function fileUrl(path) {
  const s = session.get();
  const r = await fetch(path, { headers: s?.token ? { Authorization: `Bearer ${s.token}` } : {} });
  if (!r.ok) throw new ApiError(r.status, null);
  return URL.createObjectURL(await r.blob());
}
export const post = (path, body) => api('POST', path, body ?? {});
export const put = (path, body) => api('PUT', path, body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);
export const q = encodeURIComponent;
