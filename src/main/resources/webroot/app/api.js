// The public HTTP API, exactly as a third-party client uses it: a bearer token, JSON, problem+json errors.
const KEY = 'deling.session';

export const session = {
  get() {
    try { return JSON.parse(sessionStorage.getItem(KEY) || localStorage.getItem(KEY) || 'null'); } catch { return null; }
  },
  set(s) { localStorage.setItem(KEY, JSON.stringify(s)); },
  clear() { localStorage.removeItem(KEY); sessionStorage.removeItem(KEY); },
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

export async function api(method, path, body) {
  const s = session.get();
  const headers = { Accept: 'application/json' };
  if (s?.token) headers.Authorization = `Bearer ${s.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
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
export const post = (path, body) => api('POST', path, body ?? {});
export const put = (path, body) => api('PUT', path, body);
export const del = (path) => api('DELETE', path);
export const q = encodeURIComponent;
