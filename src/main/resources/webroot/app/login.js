// Logging in: dev login when the server offers it; otherwise the OpenID Connect authorization-code
// flow with PKCE against the organisation's issuer (GET /api/client-config says which).
import { get, post, session } from './api.js';
import { t } from './i18n.js';
import { errorBox, h } from './ui.js';

const PKCE = 'deling.pkce';

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function discover(issuer) {
  const r = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!r.ok) throw new Error(`OIDC discovery failed: ${r.status}`);
  return r.json();
}

async function startOidc(oidc) {
  const meta = await discover(oidc.issuer);
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const redirect = `${location.origin}/`;
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state, redirect, tokenEndpoint: meta.token_endpoint, clientId: oidc.clientId }));
  const url = new URL(meta.authorization_endpoint);
  url.search = new URLSearchParams({ response_type: 'code', client_id: oidc.clientId, redirect_uri: redirect, scope: oidc.scope || 'openid profile',
    state, code_challenge: challenge, code_challenge_method: 'S256' }).toString();
  location.assign(url.toString());
}

/** Back from the issuer with ?code=…&state=…: exchange the code for tokens. True when it handled the page. */
export async function completeOidc() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') || !params.has('state')) return false;
  const saved = JSON.parse(sessionStorage.getItem(PKCE) || 'null');
  sessionStorage.removeItem(PKCE);
  history.replaceState(null, '', '/');
  if (!saved || saved.state !== params.get('state')) {
    location.hash = '#/login';
    location.reload();
    return true;
  }
  const r = await fetch(saved.tokenEndpoint, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: saved.redirect,
      client_id: saved.clientId, code_verifier: saved.verifier }) });
  const tokens = await r.json();
  // the API verifies access tokens; an issuer configured for it may hand the ID token instead
  const token = tokens.access_token || tokens.id_token;
  if (token) session.set({ token });
  location.hash = '#/home';
  location.reload();
  return true;
}

export async function login(content, done) {
  document.title = `${t.login} · Deling`;
  const config = await get('/api/client-config').catch(() => ({ devLogin: false }));
  const parts = [h('h1', {}, t.login)];
  if (config.oidc) parts.push(h('p', {}, h('button', { class: 'primary', id: 'oidc-login', onclick: () => startOidc(config.oidc) }, t.oidcLogin)));
  if (config.devLogin) {
    const user = h('input', { id: 'login-user', required: true, autocomplete: 'username', pattern: '[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}' });
    const name = h('input', { id: 'login-name', autocomplete: 'name' });
    const department = h('input', { id: 'login-department' });
    const leader = h('input', { id: 'login-leader', type: 'checkbox' });
    const admin = h('input', { id: 'login-admin', type: 'checkbox' });
    const form = h('form', { class: 'card', id: 'dev-login' }, h('h2', {}, t.devLogin),
      h('label', { for: 'login-user' }, t.userId), user, h('label', { for: 'login-name' }, t.name), name,
      h('label', { for: 'login-department' }, t.department), department,
      h('fieldset', {}, h('legend', {}, t.roles), h('label', {}, leader, ` ${t.leader}`), h('label', {}, admin, ` ${t.admin}`)),
      h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit' }, t.login)));
    form.onsubmit = async (e) => {
      e.preventDefault();
      const roles = ['employee', ...(leader.checked ? ['leader'] : []), ...(admin.checked ? ['admin'] : [])];
      const body = { user: user.value.trim(), roles };
      if (name.value.trim()) body.name = name.value.trim();
      if (department.value.trim()) body.department = department.value.trim();
      try {
        const r = await post('/api/dev/login', body);
        session.set({ token: r.token });
        location.hash = '#/home';
        done();
      } catch (err) {
        form.append(errorBox(err));
      }
    };
    parts.push(form);
  }
  if (!config.oidc && !config.devLogin) parts.push(h('p', {}, t.noLogin));
  content.replaceChildren(...parts);
}
