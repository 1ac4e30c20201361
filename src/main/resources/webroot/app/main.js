// Deling's web client: hash routes, one screen at a time, live over the one WebSocket.
import { ApiError, del, get, patch, post, publish, put, q, session, upload, whenUnauthorized } from './api.js';
import { t } from './i18n.js';
import * as live from './live.js';
import { attacher, avatar, composer, errorBox, h, pollEditor, postCard, removePost, replaceText, richText, snippet, updateCounts, updatePoll, when } from './ui.js';
import { login, completeOidc } from './login.js';
import { pulseScreen, topicPulse } from './pulse.js';
import { forgetThisDevice, pushChoice, startWorker } from './push.js';

const content = document.getElementById('content');
const nav = document.getElementById('nav');
const conn = document.getElementById('conn');
let me = null; // GET /api/me
let cleanup = []; // unsubscribe functions of the screen on show
let unread = 0;
let moderates = false; // an admin, or an owner of a group: has a moderation queue
let reportsOpen = 0; // reported posts waiting in that queue
let offersWaiting = 0, offersMore = false; // for an admin: topics colleagues offered to look after, waiting for an answer (more than a page: more)
/** Whether a first page of offers changes what the bar says waits (it then says so). */
const noteOffers = (r) => {
  const n = r.items?.length || 0, more = !!r.next, changed = n !== offersWaiting || more !== offersMore;
  offersWaiting = n; offersMore = more;
  return changed;
};
const countOffers = () => get('/api/topics?offered=true&limit=100').then(noteOffers, () => {});

whenUnauthorized(() => { session.clear(); live.disconnect(); me = null; location.hash = '#/login'; });
live.onState((s) => {
  conn.textContent = s === 'live' ? `● ${t.live}` : s === 'offline' ? t.offline : t.reconnecting;
  conn.dataset.state = s;
});

function screen(title, ...children) {
  document.title = `${title} · Deling`;
  content.classList.remove('wide');
  // a screen's optional parts are null when absent: left out, never shown as the word "null"
  content.replaceChildren(h('h1', {}, title), ...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

function drawNav() {
  const links = [['home', t.home], ['notifications', t.notifications], ['search', t.search], ['questions', t.questions], ['experts', t.experts],
    ['groups', t.groups], ['links', t.links], ['ideas', t.ideas], ['saved', t.savedPosts]];
  if (me.roles?.includes('leader')) links.push(['pulse', t.pulse]);
  if (moderates) links.push(['moderation', t.moderation]);
  const here = location.hash.split('/')[1] || 'home';
  nav.replaceChildren(...links.map(([k, label]) => h('a', { href: `#/${k}`, 'aria-current': k === here ? 'page' : null, id: `nav-${k}` }, label,
    k === 'notifications' && unread > 0 ? h('span', { class: 'badge', 'aria-label': `${unread} unread` }, unread) : null,
    k === 'moderation' && reportsOpen > 0 ? h('span', { class: 'badge', 'aria-label': t.reportsCount(reportsOpen) }, reportsOpen) : null,
    k === 'experts' && offersWaiting > 0 ? h('span', { class: 'badge', 'aria-label': t.offersCount(offersWaiting) }, offersWaiting + (offersMore ? '+' : '')) : null)),
  h('a', { href: `#/user/${q(me.id)}` }, me.name || me.id),
  h('a', { href: '#/logout' }, t.logout));
  // where the links scroll sideways (a phone), the current one is brought into the row's middle
  const current = nav.querySelector('[aria-current=page]');
  if (current && nav.scrollWidth > nav.clientWidth) nav.scrollLeft = current.offsetLeft - nav.offsetLeft - (nav.clientWidth - current.offsetWidth) / 2;
}

async function start() {
  if (await completeOidc()) return;
  window.addEventListener('hashchange', route);
  if (!session.get()?.token) { location.hash = '#/login'; return route(); }
  await signedIn();
}

async function signedIn() {
  try {
    me = await get('/api/me');
  } catch {
    session.clear();
    location.hash = '#/login';
    return route();
  }
  live.connect();
  startWorker();
  // notifications: the unread badge, live
  live.subscribe({ stream: 'notifications' }, (m) => {
    if (m.type === 'notification') {
      unread++;
      if (m.notification?.kind === 'post.reported') reportsOpen++; // a post I moderate: the queue's badge too
      if (m.notification?.kind === 'topic.offer') return countOffers().then(drawNav); // perhaps a topic that had offers already
      drawNav();
    }
  });
  try { unread = (await get('/api/notifications?limit=1')).unread || 0; } catch { /* badge stays 0 */ }
  try {
    moderates = me.roles?.includes('admin') || ((await get('/api/me/groups')).items || []).some((g) => g.role === 'owner');
    if (moderates) reportsOpen = (await get('/api/moderation/reports?limit=1')).total || 0;
    if (me.roles?.includes('admin')) await countOffers();
  } catch { /* no moderation link */ }
  if (!location.hash || location.hash === '#/login') location.hash = '#/home';
  route();
}

async function route() {
  for (const f of cleanup) f();
  cleanup = [];
  const [path, query] = location.hash.slice(1).split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query || '');
  if (parts[0] === 'login' || !session.get()?.token) {
    nav.replaceChildren();
    return login(content, () => signedIn());
  }
  if (parts[0] === 'logout') {
    await forgetThisDevice(); // a shared computer is not notified of the next person's colleagues' doings
    session.clear();
    live.disconnect();
    me = null;
    location.hash = '#/login';
    return;
  }
  if (!me) return;
  drawNav();
  const views = { home, post: thread, history, user, topic, group, groups, notifications, search, questions, question, experts, links, ideas, moderation, saved,
    pulse: () => pulseScreen(content, me, cleanup) };
  const view = views[parts[0] || 'home'];
  try {
    if (!view) throw new ApiError(404, { title: t.notFound });
    await view(parts.slice(1), params);
  } catch (e) {
    content.replaceChildren(h('h1', {}, e.status === 404 ? t.notFound : t.failed), errorBox(e));
  }
  content.focus({ preventScroll: true });
}

/** {@code r}'s items into {@code box}, and a button for the next page (its next sent as {@code param}). */
function pages(box, r, url, render, param = 'next', label = t.moreResults) {
  const more = h('button', { class: 'more' }, label);
  const show = (page) => {
    box.append(...(page.items || []).map(render));
    more.hidden = !page.next;
    more.onclick = async () => {
      try { show(await get(`${url}${url.includes('?') ? '&' : '?'}${param}=${q(page.next)}`)); } catch (e) { more.after(errorBox(e)); }
    };
  };
  show(r);
  return more;
}

/** A page fetcher for {@link timeline}: the first page, or the one before a {@code next} cursor. */
const paged = (url) => (before) => get(before ? `${url}${url.includes('?') ? '&' : '?'}before=${q(before)}` : url);

/** A timeline fed live by {@code stream}: new entries wait behind an "n new posts" bar, counts and edits apply at once. */
function timeline(list, stream, fetchPage, opts = {}) {
  const seen = new Set();
  const waiting = [];
  const bar = h('button', { class: 'newbar primary', hidden: true, id: 'newbar' });
  // older entries a page at a time, below the list (the thread's one page has no next)
  const older = h('button', { class: 'older', id: 'older', hidden: true }, t.olderPosts);
  let next = null;
  const showNext = (page) => {
    next = page.next || null;
    older.hidden = !next;
    list.append(older);
  };
  older.onclick = async () => {
    try {
      const page = await fetchPage(next);
      for (const p of page.items) add(p, false);
      showNext(page);
    } catch (e) { older.after(errorBox(e)); }
  };
  const add = (p, atTop) => {
    // a post answered before the read side applied it (its wait timed out, or a snapshot was being
    // written) comes without its body: it arrives on the live stream once applied
    if (!p || seen.has(p.id)) return;
    seen.add(p.id);
    list.querySelector('.empty')?.remove();
    const card = postCard(p, me.id, opts.card ? opts.card(p) : {});
    if (atTop) list.prepend(card); else if (older.parentNode === list) list.insertBefore(card, older); else list.append(card);
  };
  bar.onclick = () => {
    for (const p of waiting.splice(0).reverse()) add(p, true); // oldest first, so the newest ends on top
    bar.hidden = true;
    list.firstChild?.focus();
  };
  const reload = async () => {
    const page = await fetchPage();
    list.replaceChildren();
    seen.clear();
    if (opts.onPage) opts.onPage(page);
    for (const p of page.items) add(p, false);
    if (!page.items.length) list.append(h('p', { class: 'muted empty' }, opts.empty || t.nothing));
    showNext(page);
  };
  if (stream) {
    cleanup.push(live.subscribe(stream, (m) => {
      if (m.type === 'update' && m.post) {
        if (m.post.author?.id === me.id && !m.post.sharedBy) return add(m.post, true); // my own: at once
        if (seen.has(m.post.id) || waiting.some((p) => p.id === m.post.id)) return;
        waiting.unshift(m.post);
        bar.textContent = t.newPosts(waiting.length);
        bar.hidden = false;
      } else if (m.type === 'status.update' && m.post) replaceText(m.post);
      else if (m.type === 'delete') removePost(m.id);
      else if (m.type === 'endorsements') updateCounts(m.id, 'endorsements', m.endorsements);
      else if (m.type === 'shares') updateCounts(m.id, 'shares', m.shares);
      else if (m.type === 'poll') updatePoll(m.id, m.poll);
      else if (m.type === 'outdated_cursor') reload(); // quietly, over HTTP
      else if (opts.onMessage) opts.onMessage(m);
    }));
  }
  return { bar, reload, add };
}

/** Who an announcement is for, as its card says it. */
function audienceLabel(a) {
  const au = a.audience || {};
  if (au.kind === 'group') return h('a', { href: `#/group/${au.group}` }, au.name ? `${t.to} ${au.name}` : t.toGroup);
  if (au.kind === 'department') return `${t.to} ${au.department}`;
  return `${t.to} ${t.everyone.toLowerCase()}`;
}

/** An announcement pinned on top of the home timeline until I mark it as read. */
function pinnedCard(a, onRead) {
  const read = h('button', { onclick: async () => {
    try { await put(`/api/announcements/${a.id}/acknowledgement`); onRead(a.id); } catch (e) { read.after(errorBox(e)); }
  } }, t.acknowledge);
  return h('article', { class: 'post pinned', 'data-announcement': a.id },
    h('header', {}, h('strong', {}, t.announcement), ' · ', h('span', { class: 'who' }, a.author?.name || a.author?.id), ' · ', audienceLabel(a),
      ' · ', h('span', { class: 'when' }, when(a.publishedAt))),
    h('div', { class: 'text' }, richText(a.text)), h('div', { class: 'actions' }, read));
}

/** My announcements with their reach: a count, never names, and none under the privacy threshold. */
function myAnnouncements(filter) {
  const list = h('ul', { class: 'my-announcements' });
  const load = async () => {
    const r = await get('/api/announcements?limit=20');
    const mine = (r.items || []).filter((a) => a.author?.id === me.id && !a.withdrawn && filter(a));
    list.replaceChildren(...mine.map((a) => {
      const withdraw = h('button', { onclick: async () => {
        if (!window.confirm(t.confirmWithdraw)) return;
        try { await del(`/api/announcements/${a.id}`); await load(); } catch (e) { withdraw.after(errorBox(e)); }
      } }, t.withdraw);
      return h('li', { 'data-announcement': a.id }, h('span', {}, a.text), ' · ', audienceLabel(a), ' · ',
        h('span', { class: 'muted reach' }, a.reach?.hidden ? t.reachHidden : t.reach(a.reach?.acknowledged ?? 0, a.reach?.audience ?? 0)), ' ', withdraw);
    }));
  };
  return { list, load };
}

/**
 * The form to announce: to a group (its owners) when {@code group} is given, otherwise to everyone
 * or a department (leaders). Folded away until opened: it is not an everyday post.
 */
function announcer(group, onDone) {
  const kind = h('select', { 'aria-label': t.audience, id: 'announce-kind' },
    h('option', { value: 'everyone' }, t.everyone), h('option', { value: 'department' }, t.department));
  const dept = h('input', { 'aria-label': t.department, placeholder: t.department, id: 'announce-department', maxlength: '200', hidden: true });
  kind.onchange = () => { dept.hidden = kind.value !== 'department'; };
  const form = composer({ placeholder: group ? t.announceToGroup : t.announcePlaceholder, button: t.announce, send: async (text) => {
    const audience = group ? { kind: 'group', group } : kind.value === 'department' ? { kind: 'department', department: dept.value.trim() } : { kind: 'everyone' };
    await post('/api/announcements', { text, audience });
    onDone();
  } });
  return h('details', { class: 'card', id: 'announce' }, h('summary', {}, group ? t.announceToMembers : t.makeAnnouncement),
    group ? null : h('div', { class: 'row' }, kind, h('div', { class: 'grow' }, dept)), form);
}

/**
 * People worth following, with why (the server's reasons, worded here): on a newcomer's empty home
 * colleagues from their own department, later those who replied, endorsed, or write where one listens.
 */
async function suggestPeople(into, newcomer) {
  try {
    const r = await get('/api/me/suggestions?limit=6');
    if (!(r.items || []).length && !(r.topics || []).length) return;
    const item = (s) => h('li', { 'data-user': s.user.id }, h('a', { href: `#/user/${q(s.user.id)}` }, s.user.name || s.user.id),
      s.user.title ? h('span', { class: 'muted' }, ` · ${s.user.title}`) : null, ' ', followButton(`/api/me/following/users/${q(s.user.id)}`, false),
      h('div', { class: 'muted' }, t.why(s.reasons)));
    const topic = (x) => h('li', { 'data-topic': x.tag }, h('a', { href: `#/topic/${q(x.tag)}` }, `#${x.tag}`), ' ',
      followButton(`/api/me/following/topics/${q(x.tag)}`, false), h('div', { class: 'muted' }, t.topicWhy(x.reasons)));
    const body = [(r.items || []).length ? h('ul', {}, ...r.items.map(item)) : null,
      (r.topics || []).length ? h('h3', {}, t.topicsToFollow) : null, (r.topics || []).length ? h('ul', { id: 'topic-suggestions' }, ...r.topics.map(topic)) : null]
      .filter(Boolean);
    into.replaceChildren(newcomer
      ? h('div', { class: 'card' }, h('h2', {}, me.department ? t.colleaguesIn(me.department) : t.peopleToFollow), h('p', { class: 'muted' }, t.followToStart), ...body)
      : h('details', { class: 'card' }, h('summary', {}, t.peopleToFollow), ...body));
  } catch { /* suggestions are a courtesy: none rather than an error */ }
}

/** Back after eight hours or more: what colleagues took up most meanwhile, once. */
async function away() {
  const key = `deling.seen.${me.id}`;
  const last = Number(localStorage.getItem(key)) || 0;
  localStorage.setItem(key, String(Date.now()));
  if (!last || Date.now() - last < 8 * 3600e3) return null;
  const d = await get(`/api/me/digest?limit=3&since=${new Date(last).toISOString()}`).catch(() => null);
  return d?.items?.length ? h('section', { id: 'digest', class: 'card' }, h('h2', {}, t.whileAway(d.newPosts)), ...d.items.map((p) => postCard(p, me.id))) : null;
}

async function home() {
  const pinned = h('section', { 'aria-label': t.announcement, id: 'pinned' });
  // after a holiday a dozen may wait: the newest two are shown, the rest behind one button, so the timeline stays in sight
  let expanded = false;
  const more = h('button', { id: 'pinned-more', onclick: () => { expanded = !expanded; fold(); } });
  const fold = () => {
    const cards = [...pinned.querySelectorAll('[data-announcement]')];
    cards.forEach((c, i) => { c.hidden = !expanded && i >= 2; });
    more.hidden = cards.length <= 2;
    more.textContent = expanded ? t.fewerAnnouncements : t.moreAnnouncements(cards.length - 2);
    pinned.append(more);
  };
  const unpin = (id) => { pinned.querySelector(`[data-announcement="${id}"]`)?.remove(); fold(); };
  const list = h('section', { id: 'timeline', 'aria-label': t.home });
  const suggestions = h('section', { id: 'suggestions' });
  const tl = timeline(list, { stream: 'home' }, paged('/api/timelines/home?limit=30'), {
    onPage: (page) => {
      pinned.replaceChildren(...(page.announcements || []).map((a) => pinnedCard(a, unpin)));
      fold();
      if (!page.items.length) suggestPeople(suggestions, true);
      else if (!suggestions.childElementCount) suggestPeople(suggestions, false);
    },
    // announcements come and go live: a new one is pinned at once, one read elsewhere or withdrawn leaves
    onMessage: (m) => {
      if (m.type === 'announcement' && m.announcement && !pinned.querySelector(`[data-announcement="${m.announcement.id}"]`)) {
        pinned.prepend(pinnedCard(m.announcement, unpin));
        fold();
      } else if (m.type === 'announcement.acknowledged' || m.type === 'announcement.withdrawn') unpin(m.id);
    },
  });
  const poll = pollEditor();
  const files = attacher();
  const compose = composer({ placeholder: t.whatsUp, button: t.post, extra: [h('div', { class: 'row' }, files.parts[0], poll.parts[0]), ...files.parts.slice(1), poll.parts[1]], draft: 'home', send: async (text, key) => {
    const asked = poll.value();
    const r = await publish({ text, ...files.ids(), ...(asked ? { poll: asked } : {}) }, key);
    poll.reset();
    files.reset();
    tl.add(r.post, true);
  } });
  files.into(compose);
  compose.id = 'compose';
  const extra = [];
  if (me.roles?.includes('leader')) {
    const mine = myAnnouncements((a) => a.audience?.kind !== 'group');
    extra.push(announcer(null, mine.load), mine.list);
    await mine.load();
  }
  screen(t.home, compose, ...extra, tl.bar, pinned, await away(), suggestions, list);
  await tl.reload();
}

/**
 * Whoever writes in a conversation hears of its replies: this says where I stand, and mutes the
 * conversation or follows it. {@code refresh()} asks again (after I wrote in it).
 */
async function conversationBell(id) {
  let subscribed = false;
  const button = h('button', { id: 'thread-subscription' });
  const show = (on) => {
    subscribed = on;
    button.dataset.subscribed = String(on);
    button.textContent = on ? t.muteConversation : t.followConversation;
  };
  button.onclick = async () => {
    try { show((await put(`/api/posts/${id}/subscription`, { subscribed: !subscribed })).subscribed); } catch (e) { button.after(errorBox(e)); }
  };
  const row = h('div', { class: 'row' }, button, h('span', { class: 'muted' }, t.conversationHint));
  row.refresh = async () => show((await get(`/api/posts/${id}/subscription`)).subscribed);
  await row.refresh();
  return row;
}

async function thread([id]) {
  const r = await get(`/api/posts/${id}/thread`);
  const list = h('section', {});
  const tl = timeline(list, { stream: 'thread', post: id }, async () => get(`/api/posts/${id}/thread`));
  const bell = await conversationBell(id);
  const reply = composer({ placeholder: t.reply, button: t.reply, draft: `reply.${id}`, send: async (text, key) => {
    const res = await publish({ text, inReplyTo: id }, key);
    tl.add(res.post, false);
    await bell.refresh(); // writing in it subscribes, unless muted
  } });
  screen(t.reply, bell, list, tl.bar, reply);
  for (const p of r.items) tl.add(p, false);
}

async function history([id]) {
  const r = await get(`/api/posts/${id}/history`);
  screen(t.history, ...(r.versions || []).slice().reverse().map((v) => h('article', { class: 'post history' },
    h('header', {}, h('strong', {}, `#${v.version}`), h('span', { class: 'muted' }, when(v.at))), h('div', { class: 'text' }, v.text ?? ''))),
  h('p', {}, h('a', { href: `#/post/${id}` }, t.reply)));
}

/** A topic's questions nobody has answered yet, and since when, as a link to them; null when none wait. */
/** A button that does {@code f}, then redraws the screen; what went wrong is shown beside it. */
const act = (label, f, attrs = {}) => h('button', { ...attrs, onclick: async (e) => { try { await f(); route(); } catch (err) { e.target.after(errorBox(err)); } } }, label);

/** Colleagues' offers to look after {@code topic}, each with why, since when, and an admin's two answers. */
const offerList = (topic, offers, id) => h('ul', { class: 'plain', id }, ...offers.map((o) => h('li', { 'data-user': o.user.id },
  h('a', { href: `#/user/${q(o.user.id)}` }, o.user.name || o.user.id), o.user.department ? h('span', { class: 'muted' }, ` · ${o.user.department}`) : null,
  ` ${when(o.at)} `, o.note ? h('q', {}, o.note) : null, ' ',
  // what the admin weighs the offer by: where they stand among those who know the topic, and why
  h('span', { class: 'muted knows' }, o.knows ? `(${t.standing(o.knows.rank, o.knows.of)}: ${t.evidenceText(o.knows.evidence, [topic])})` : `(${t.noEvidenceYet})`), ' ',
  act(t.appointOwner, () => put(`/api/topics/${q(topic)}/owners/${q(o.user.id)}`), { 'data-action': 'appoint', class: 'dismiss' }), ' ',
  act(t.decline, () => del(`/api/topics/${q(topic)}/offers/${q(o.user.id)}`), { 'data-action': 'decline', class: 'dismiss' }))));

const waitingLink = (x, attrs = {}) => (x.waiting?.questions ? h('a', { ...attrs, href: `#/questions?topic=${q(x.topic)}&status=unanswered`, class: 'chip' },
  t.waitingSince(x.waiting.questions, when(x.waiting.oldestAskedAt))) : null);

/** People as links to their profiles, comma-separated ({@code extra} after each). */
const personLinks = (users, extra = () => '') => users.flatMap((u, i) => [i ? ', ' : '', h('a', { href: `#/user/${q(u.id)}` }, u.name || u.id), extra(u)]);
const names = (users) => users.map((u) => u.name || u.id).join(', ');

function followButton(path, following) {
  const b = h('button', { 'aria-pressed': String(!!following) }, following ? t.following : t.follow);
  b.onclick = async () => {
    const on = b.getAttribute('aria-pressed') !== 'true';
    try {
      if (on) await put(path); else await del(path);
      b.setAttribute('aria-pressed', String(on));
      b.textContent = on ? t.following : t.follow;
    } catch (e) { b.after(errorBox(e)); }
  };
  return b;
}

/** On someone else's profile, vouch for a skill or withdraw that; on mine, hide a skill from others or show it again. */
function skillAction(id, s) {
  const topic = q(s.topic);
  if (id === me.id) return s.hidden ? act(t.show, () => del(`/api/me/hidden-skills/${topic}`)) : act(t.hide, () => put(`/api/me/hidden-skills/${topic}`));
  return s.endorsedByMe ? act(t.withdrawVouch, () => del(`/api/users/${q(id)}/skills/${topic}`))
    : act(t.vouch, () => post(`/api/users/${q(id)}/skills`, { topic: s.topic }));
}

/** Vouch that a colleague knows a topic, citing one of their posts as evidence (which weighs most in "who knows"). */
async function vouchForm(id) {
  const posts = await get(`/api/users/${q(id)}/posts?limit=30`);
  const topic = h('input', { id: 'vouch-topic', placeholder: '#topic', maxlength: '65', required: true });
  const evidence = h('select', { id: 'vouch-evidence' }, h('option', { value: '' }, t.noEvidence),
    ...(posts.items || []).filter((p) => !p.sharedBy).map((p) => h('option', { value: p.id }, snippetOf(p.text))));
  const form = h('form', { class: 'card', id: 'vouch' }, h('label', { for: 'vouch-topic' }, t.vouchFor), topic,
    h('label', { for: 'vouch-evidence' }, t.evidenceOptional), evidence, h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit' }, t.vouch)));
  form.onsubmit = async (e) => {
    e.preventDefault();
    form.querySelector('.error')?.remove();
    try {
      await post(`/api/users/${q(id)}/skills`, { topic: topic.value.trim().replace(/^#/, ''), ...(evidence.value ? { evidence: evidence.value } : {}) });
      route();
    } catch (err) { form.append(errorBox(err)); }
  };
  return form;
}

async function user([id]) {
  const [p, skills, following] = await Promise.all([get(`/api/users/${q(id)}`), get(`/api/users/${q(id)}/skills`), get('/api/me/following')]);
  const follows = (following.users || following.items || []).some((u) => (u.id || u) === id);
  const list = h('section', {});
  const tl = timeline(list, { stream: 'user', user: id }, paged(`/api/users/${q(id)}/posts?limit=30`));
  const photo = h('div', { id: 'photo' }, p.photo ? avatar(p.photo, 'avatar big') : null);
  if (id === me.id) {
    const input = h('input', { type: 'file', accept: 'image/*', hidden: true, onchange: async () => {
      try { await put('/api/me/photo', { file: (await upload(input.files[0])).id }); route(); } catch (e) { photo.append(errorBox(e)); }
    } });
    // (DOM append writes null as the word "null": only what is there)
    photo.append(input, h('button', { 'data-action': 'photo', onclick: () => input.click() }, t.setPhoto),
      ...(p.photo ? [h('button', { onclick: async () => { await del('/api/me/photo'); route(); } }, t.removePhoto)] : []));
    // email about notifications left unread: only where the server can send it and the directory has an address
    const mail = await get('/api/me/email');
    if (mail.available && mail.address) {
      const delays = [15, 60, 240, 1440];
      const after = h('select', { id: 'email-after', 'aria-label': t.emailAfter },
        ...(delays.includes(mail.afterMinutes) ? [] : [mail.afterMinutes]).concat(delays)
          .map((m) => h('option', { value: String(m), selected: m === mail.afterMinutes }, t.afterDelay(m))));
      const box = h('input', { type: 'checkbox', id: 'email-unread', checked: mail.unreadNotifications });
      const save = async (undo) => {
        const m = Number(after.value);
        try { await put('/api/me/email', { unreadNotifications: box.checked, ...(delays.includes(m) ? { afterMinutes: m } : {}) }); } catch (e) { undo(); photo.append(errorBox(e)); }
      };
      box.onchange = () => save(() => { box.checked = !box.checked; });
      after.onchange = () => save(() => {});
      photo.append(h('p', {}, h('label', {}, box, ' ', t.emailUnread(mail.address)), ' ', after));
    }
    // notifications pushed to this device as they come: where the server and the browser can
    const push = await pushChoice().catch(() => null);
    if (push) photo.append(push);
  }
  // who follows them, a page at a time once opened; and on one's own profile whom one follows, to unfollow there
  const fl = h('ul', { id: 'follower-list', class: 'plain' }), fd = h('details', { id: 'followers' },
    h('summary', {}, `${t.followersCount(p.followers || 0)} · ${t.followsCount(p.following || 0, p.topics || 0)}`), fl);
  fd.ontoggle = async () => {
    const url = `/api/users/${q(id)}/followers`;
    if (fd.open && !fd.dataset.read) {
      fd.dataset.read = 1;
      try { fd.append(pages(fl, await get(url), url, (u) => h('li', {}, ...personLinks([u])), 'after')); } catch (e) { fd.append(errorBox(e)); }
    }
  };
  const mine = (path, link) => h('li', {}, link, ' ', followButton(path, true));
  const parts = [photo, h('p', {}, [p.title, p.department, p.location].filter(Boolean).join(' · ')), fd,
    id === me.id && (following.users?.length || following.topics?.length) ? h('details', { id: 'my-follows' }, h('summary', {}, t.youFollow),
      h('ul', { class: 'plain' }, ...following.users.map((u) => mine(`/api/me/following/users/${q(u.id)}`, personLinks([u]))),
        ...following.topics.map((x) => mine(`/api/me/following/topics/${q(x)}`, h('a', { href: `#/topic/${q(x)}` }, `#${x}`))))) : null,
    p.former ? h('p', { class: 'muted' }, t.former) : null,
    // the org chart one step up and one down, as the directory has it
    p.manager ? h('p', { id: 'manager' }, `${t.manager}: `, h('a', { href: `#/user/${q(p.manager.id)}` }, p.manager.name || p.manager.id)) : null,
    (p.reports || []).length ? h('p', { id: 'reports' }, `${t.directReports}: `,
      ...personLinks(p.reports)) : null,
    (p.looksAfter || []).length ? h('p', { id: 'looks-after' }, `${t.looksAfter}: `,
      ...p.looksAfter.flatMap((x, i) => [i ? ', ' : '', h('a', { href: `#/topic/${q(x)}` }, `#${x}`)])) : null,
    id !== me.id ? followButton(`/api/me/following/users/${q(id)}`, follows) : null,
    h('h2', {}, t.skills),
    (skills.items || []).length ? h('ul', { id: 'skills' }, ...skills.items.map((s) => h('li', { 'data-topic': s.topic }, h('a', { href: `#/topic/${q(s.topic)}` }, `#${s.topic}`),
      ` · ${s.endorsements} (${s.withEvidence} ${t.evidence})`, s.hidden ? h('span', { class: 'muted' }, ` · ${t.hiddenSkill}`) : '', ' ', skillAction(id, s),
      ...(s.evidence || []).slice(0, 3).map((e) => h('div', { class: 'muted' }, `${e.by?.name || e.by?.id}: `, h('a', { href: `#/post/${e.post?.id}` }, snippetOf(e.post?.text))))))) : h('p', { class: 'muted' }, t.nothing),
    id !== me.id ? await vouchForm(id) : null];
  if (id === me.id) {
    // what one uploaded, to find again and delete (an upload shown nowhere goes by itself after a day)
    const files = await get('/api/me/files'), mf = h('ul', { id: 'my-files' });
    if (files.items?.length) parts.push(h('h2', {}, t.myFiles), mf, pages(mf, files, '/api/me/files', (f) => h('li', { 'data-file': f.id },
      `${f.name} · ${f.photo ? t.yourPhoto : t.shownIn(f.posts.length)} `,
      h('button', { onclick: async (e) => { try { await del(`/api/files/${f.id}`); e.target.closest('li').remove(); } catch (err) { e.target.after(errorBox(err)); } } }, t.delete)), 'before', t.olderOnes));
    const n = await get('/api/me/network');
    parts.push(h('h2', {}, t.myNetwork), h('p', { id: 'my-network' }, `${t.networkSize}: ${n.networkSize} · ${t.outside}: ${n.outsideMyDepartment}`,
      n.reciprocity == null ? '' : ` · ${t.reciprocity}: ${Math.round(n.reciprocity * 100)}%`));
  }
  parts.push(h('h2', {}, t.posts), tl.bar, list);
  screen(p.name || p.id, ...parts);
  await tl.reload();
}

/**
 * A topic's page: what it is for and who looks after it, its pinned posts, then its posts. Its
 * owners (and admins) describe it and pin posts; admins appoint and dismiss its owners.
 */
async function topic([tag]) {
  const a = await get(`/api/topics/${q(tag)}`);
  const base = `/api/topics/${q(a.topic)}`;
  const admin = me.roles?.includes('admin');
  const list = h('section', {});
  const description = h('p', { id: 'topic-description' });
  const owners = h('p', { id: 'topic-owners' });
  const about = (x) => {
    description.textContent = x.description || '';
    owners.hidden = !x.owners.length;
    owners.replaceChildren(`${t.lookedAfterBy}: `, ...personLinks(x.owners, (o) =>
      (admin && o.id !== me.id ? act('×', () => del(`${base}/owners/${q(o.id)}`), { 'aria-label': t.dismissOwner(o.name || o.id), class: 'dismiss' }) : '')));
  };
  about(a);
  const { tl, pinned } = pinnedTimeline(list, { stream: 'topic', tag: a.topic }, base,
    a.editable ? (p) => !p.inReplyTo && !p.group && (p.hashtags || []).includes(a.topic) : null,
    // changed while open: what it says and who looks after it follow; becoming or ceasing to be its owner redraws the page
    (m) => { if (m.type === 'topic.about') m.about.owners.some((o) => o.id === me.id) === !!a.owner ? about(m.about) : route(); });
  pinned.id = 'topic-pinned';
  const parts = [description, owners,
    h('div', { class: 'row' }, followButton(`/api/me/following/topics/${q(a.topic)}`, a.following), h('span', { class: 'muted' }, t.followersCount(a.followers)),
      h('a', { href: `#/experts?topic=${q(a.topic)}` }, t.whoKnows), h('a', { href: `#/questions?topic=${q(a.topic)}`, id: 'topic-questions' }, t.questions),
      // what its owners look at first: questions nobody has answered yet, and how long the oldest has waited
      waitingLink(a, { id: 'topic-waiting' }), a.owner ? act(t.stepDown, () => del(`${base}/owners/${q(me.id)}`)) : null)];
  // the enthusiasts put themselves forward; an admin appoints or declines
  if (a.offered) {
    parts.push(h('p', { id: 'topic-offered', class: 'muted' }, t.offeredOn(when(a.offered.at)), ' ',
      act(t.withdrawOffer, () => del(`${base}/offers/${q(me.id)}`))));
  } else if (!a.owner && !admin) { // an admin appoints themselves
    const note = h('textarea', { 'aria-label': t.whyYou, placeholder: t.whyYou, maxlength: '280', id: 'topic-offer-note' });
    const form = h('form', { class: 'card' }, note, h('button', { class: 'primary', type: 'submit' }, t.offer));
    form.onsubmit = async (e) => {
      e.preventDefault();
      try { await put(`${base}/offers/${q(me.id)}`, { note: note.value.trim() || null }); route(); } catch (err) { form.querySelector('.error')?.remove(); form.append(errorBox(err)); }
    };
    parts.push(h('details', { id: 'topic-offer' }, h('summary', {}, t.offerToLookAfter(a.topic)), form));
  }
  if (a.editable) {
    const description = h('textarea', { 'aria-label': t.topicDescription, maxlength: '500', id: 'topic-description-field' }, a.description || '');
    const form = h('form', { class: 'card', id: 'topic-details' }, h('label', {}, t.topicDescription, description),
      h('button', { class: 'primary', type: 'submit' }, t.save));
    form.onsubmit = async (e) => {
      e.preventDefault();
      try { await put(`${base}/description`, { description: description.value.trim() }); route(); } catch (err) { form.querySelector('.error')?.remove(); form.append(errorBox(err)); }
    };
    parts.push(h('details', { id: 'topic-describe' }, h('summary', {}, t.describeTopic), form));
  }
  // the subject owners' pulse of their topic (leaders and admins see it too)
  if (a.owner || admin || me.roles?.includes('leader')) parts.push(topicPulse(a.topic));
  if (admin && a.offers?.length) parts.push(h('h2', {}, t.offersToLookAfter), offerList(a.topic, a.offers, 'topic-offers'));
  if (admin) {
    // a colleague by the start of their name, id or department, as the directory has them
    const options = h('datalist', { id: 'topic-owner-options' });
    const who = h('input', { 'aria-label': t.newOwner, placeholder: t.userId, id: 'topic-new-owner', list: 'topic-owner-options', autocomplete: 'off',
      oninput: async () => {
        const typed = who.value.trim();
        const r = typed ? await get(`/api/people?q=${q(typed)}&limit=6`).catch(() => null) : null;
        if (r && who.value.trim() === typed) options.replaceChildren(...r.items.map((p) => h('option', { value: p.id }, [p.name, p.department].filter(Boolean).join(' · '))));
      } });
    parts.push(h('div', { class: 'row' }, h('div', { class: 'grow' }, who, options), act(t.appointOwner, () => put(`${base}/owners/${q(who.value.trim())}`), { id: 'topic-appoint' })));
    // those who know it best, one click from looking after it
    const best = ((await get(`/api/experts?topic=${q(a.topic)}&limit=6`).catch(() => null))?.items || [])
      .filter((x) => !a.owners.some((o) => o.id === x.user.id)).slice(0, 3);
    if (best.length) {
      parts.push(h('p', { id: 'topic-candidates', class: 'muted' }, `${t.knowItBest}: `, ...best.flatMap((x, i) => [i ? ', ' : '',
        h('a', { href: `#/user/${q(x.user.id)}`, title: x.reason }, x.user.name || x.user.id), ' ',
        act(t.appointOwner, () => put(`${base}/owners/${q(x.user.id)}`), { 'data-user': x.user.id, class: 'dismiss' })])));
    }
  }
  // a question asked here carries the topic, so its owners and those who know it are asked first
  const ask = composer({ placeholder: t.askAbout(a.topic), button: t.ask, draft: `question.${a.topic}`, send: async (text, key) => {
    const tagged = new RegExp(`#${a.topic}(?![\\p{L}\\p{N}_])`, 'iu').test(text) ? text : `${text} #${a.topic}`;
    const r = await publish({ text: tagged, kind: 'question' }, key);
    location.hash = `#/question/${r.id}`;
  } });
  ask.id = 'topic-ask';
  parts.push(ask, pinned, tl.bar, list);
  screen(`#${a.topic}`, ...parts);
  await tl.reload();
}

/** The posts I saved for later, the latest saved first; only for me. */
async function saved() {
  const list = h('section', { id: 'saved' });
  const tl = timeline(list, null, paged('/api/me/saved?limit=30'), { empty: t.savedHint });
  screen(t.savedPosts, list);
  await tl.reload();
}

async function groups() {
  const [all, mine] = await Promise.all([get('/api/groups'), get('/api/me/groups')]);
  const name = h('input', { id: 'group-name', required: true, maxlength: '80' });
  const desc = h('input', { id: 'group-description', maxlength: '1000' });
  const topics = h('input', { id: 'group-topics', placeholder: '#topic' });
  const access = h('select', { id: 'group-access' }, h('option', { value: 'open' }, t.open), h('option', { value: 'private' }, t.private));
  const form = h('form', { class: 'card' }, h('h2', {}, t.createGroup), h('label', { for: 'group-name' }, t.name), name,
    h('label', { for: 'group-description' }, t.description), desc, h('label', { for: 'group-topics' }, t.topicsField), topics,
    h('label', { for: 'group-access' }, t.access), access,
    h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit' }, t.create)));
  form.onsubmit = async (e) => {
    e.preventDefault();
    try {
      const g = await post('/api/groups', { name: name.value, description: desc.value, access: access.value, topics: tagsOf(topics.value) });
      location.hash = `#/group/${g.id}`;
    } catch (err) { form.append(errorBox(err)); }
  };
  const item = (g) => h('li', {}, h('a', { href: `#/group/${g.id}` }, g.name), ` · ${g.access === 'private' ? t.private : t.open} · ${t.membersCount(g.members)}`,
    g.role ? h('span', { class: 'muted' }, ` (${t.roleNames[g.role] || g.role})`) : null);
  const list = h('ul');
  screen(t.groups, h('h2', {}, t.myGroups), h('ul', { id: 'my-groups' }, ...(mine.items || []).map(item)),
    h('h2', {}, t.all), list, pages(list, all, '/api/groups', item, 'after'), form);
}

/**
 * A timeline with its pinned posts above it (a group's, a topic's, at {@code base}); where
 * {@code pinnable} is given, the viewer pins a post it allows from its card and takes one down
 * from the pinned ones.
 */
function pinnedTimeline(list, stream, base, pinnable, onMessage) {
  const pinned = h('section', { 'aria-label': t.pinnedPosts });
  let pinnedIds = new Set();
  const pinButton = (p, on) => h('button', { 'data-action': on ? 'pin' : 'unpin', onclick: async (e) => {
    try {
      if (on) await put(`${base}/pinned/${p.id}`); else await del(`${base}/pinned/${p.id}`);
      await tl.reload();
    } catch (err) { e.target.after(errorBox(err)); }
  } }, on ? t.pin : t.unpin);
  const tl = timeline(list, stream, paged(`${base}/posts?limit=30`), {
    onPage: (page) => {
      pinnedIds = new Set((page.pinned || []).map((p) => p.id));
      pinned.replaceChildren(...((page.pinned || []).length ? [h('h2', {}, t.pinnedPosts),
        ...page.pinned.map((p) => postCard(p, me.id, { cls: 'pinned', extra: pinnable ? [pinButton(p, false)] : [] }))] : []));
    },
    card: (p) => (pinnable && pinnable(p) && !pinnedIds.has(p.id) ? { extra: [pinButton(p, true)] } : {}),
    // pinned or taken down elsewhere: the page follows
    onMessage: (m) => { if (m.type === 'pinned') tl.reload(); else if (onMessage) onMessage(m); },
  });
  return { tl, pinned };
}

/** A group's timeline: its owners pin its top-level posts. */
function groupTimeline(list, g) {
  const r = pinnedTimeline(list, { stream: 'group', group: g.id }, `/api/groups/${g.id}`, g.role === 'owner' && !g.archived ? (p) => !p.inReplyTo : null);
  r.pinned.id = 'group-pinned';
  return r;
}

async function group([id]) {
  const g = await get(`/api/groups/${id}`);
  const member = g.role === 'owner' || g.role === 'member';
  const list = h('section', {});
  const actions = h('div', { class: 'row' });
  const act = (label, f) => h('button', { onclick: async () => { try { await f(); route(); } catch (e) { actions.append(errorBox(e)); } } }, label);
  if (!member) {
    if (g.access === 'open' || g.role === 'invited') actions.append(act(t.join, () => put(`/api/groups/${id}/members/${q(me.id)}`)));
    else if (g.role !== 'requested') actions.append(act(t.requestToJoin, () => post(`/api/groups/${id}/requests`)));
  } else {
    actions.append(act(t.leave, () => del(`/api/groups/${id}/members/${q(me.id)}`)));
    // a busy group (or one a build server posts into) can stay off my home while I stay a member
    actions.append(h('button', { 'data-action': 'mute-group', onclick: async (e) => {
      try { await (g.mutedOnHome ? del : put)(`/api/me/muted-groups/${id}`); route(); } catch (err) { e.target.after(errorBox(err)); }
    } }, g.mutedOnHome ? t.showOnHome : t.keepOffHome));
  }
  const about = [g.access === 'private' ? t.private : t.open, t.membersCount(g.members)];
  if (member && g.mutedOnHome) about.push(t.offHome);
  if (g.archived) about.push(t.archivedGroup);
  const topics = (g.topics || []).length ? h('div', { class: 'chips', id: 'group-topics' }, ...g.topics.map((x) => h('a', { class: 'chip', href: `#/topic/${q(x)}` }, `#${x}`))) : null;
  const parts = [h('p', { id: 'group-description' }, g.description || ''), topics, h('p', { class: 'muted', id: 'group-about' }, about.join(' · ')), actions]
    .filter(Boolean);
  if (member) {
    const { tl, pinned } = groupTimeline(list, g);
    // an archived group is read-only: nothing to post, nobody to invite
    if (!g.archived) {
      const files = attacher();
      const c = composer({ placeholder: t.whatsUp, button: t.post, extra: files.parts, draft: `group.${id}`, send: async (text, key) => {
        const r = await publish({ text, group: id, ...files.ids() }, key);
        files.reset();
        tl.add(r.post, true);
      } });
      files.into(c);
      parts.push(c);
    }
    parts.push(pinned, tl.bar, list);
    const mUrl = `/api/groups/${id}/members`, members = await get(mUrl); // requests first, then owners, then members
    const owner = g.role === 'owner';
    const forOwner = (m) => {
      if (!owner || m.user.id === me.id) return [];
      const at = `/api/groups/${id}/members/${q(m.user.id)}`;
      if (m.role === 'requested') return [act(t.approve, () => put(at)), act(t.decline, () => del(at))];
      if (m.role === 'invited') return [act(t.withdrawInvitation, () => del(at))];
      if (m.role === 'member') return [act(t.makeOwner, () => put(at, { role: 'owner' })), act(t.remove, () => del(at))];
      return [act(t.makeMember, () => put(at, { role: 'member' }))];
    };
    const ml = h('ul', { id: 'group-members' });
    parts.push(h('h2', {}, t.members), ml, pages(ml, members, mUrl, (m) => h('li', { 'data-user': m.user.id },
      h('a', { href: `#/user/${q(m.user.id)}` }, m.user.name || m.user.id), ` (${t.roleNames[m.role] || m.role}) `, ...forOwner(m))));
    if (owner && !g.archived) {
      const invitee = h('input', { 'aria-label': t.invite, placeholder: t.userId });
      parts.push(h('div', { class: 'row' }, h('div', { class: 'grow' }, invitee), act(t.invite, () => put(`/api/groups/${id}/members/${q(invitee.value.trim())}`))));
      const mine = myAnnouncements((a) => a.audience?.group === id);
      parts.push(announcer(id, mine.load), mine.list);
      await mine.load();
      parts.push(groupDetailsForm(g));
      parts.push(await integrationsPanel(id));
      parts.push(h('div', { class: 'row' }, act(t.archiveGroup, async () => {
        if (confirm(t.confirmArchive)) await post(`/api/groups/${id}/archive`);
      })));
    }
    screen(g.name, ...parts);
    await tl.reload();
  } else {
    if (g.access === 'open') {
      const { tl, pinned } = groupTimeline(list, g);
      parts.push(pinned, tl.bar, list);
      screen(g.name, ...parts);
      await tl.reload();
    } else screen(g.name, ...parts);
  }
}

/** For a group's owners: the tools that post into the group; a new one's secret is shown once, with how to use it. */
async function integrationsPanel(id) {
  const box = h('section', { id: 'group-integrations', 'aria-label': t.integrations });
  const load = async () => {
    const r = await get(`/api/groups/${id}/integrations`);
    const name = h('input', { 'aria-label': t.integrationName, placeholder: t.integrationName, maxlength: '60' });
    const shown = h('div', {});
    // a secret is shown once, after a new tool is connected or given a new secret, with how to use it
    const showSecret = (c) => box.querySelector('#new-integration').replaceChildren(h('p', {}, `${c.name}: ${t.integrationSecretOnce}`),
      h('pre', { tabindex: '0' }, `curl -X POST ${location.origin}/hooks/${c.id} \\\n  -H 'Authorization: Bearer ${c.secret}' \\\n`
        + `  -H 'Content-Type: application/json' -d '{"text": "Build 42 passed #ci"}'`),
      h('p', {}, t.integrationUrl), h('pre', { tabindex: '0', 'data-url': '1' }, c.url));
    const connect = h('button', { 'data-action': 'connect', onclick: async () => {
      try {
        const c = await post(`/api/groups/${id}/integrations`, { name: name.value });
        await load();
        showSecret(c);
      } catch (e) { shown.replaceChildren(errorBox(e)); }
    } }, t.connectTool);
    const item = (i) => h('li', { 'data-integration': i.id }, h('strong', {}, i.name), ' ',
      h('span', { class: 'muted' }, `${t.createdBy(i.createdBy.name || i.createdBy.id)} · ${when(i.createdAt)} · ${t.toolPosts(i.posts || 0, when(i.lastPostAt))}`
        + (i.secretSetAt ? ` · ${t.secretSet} ${when(i.secretSetAt)}` : '')), ' ',
      ...(i.revokedAt ? [h('span', { class: 'muted' }, `${t.revoked} ${when(i.revokedAt)}`)] : [
        h('button', { 'data-action': 'new-secret', onclick: async (e) => {
          if (!confirm(t.confirmNewSecret)) return;
          try { const c = await post(`/api/groups/${id}/integrations/${i.id}/secret`, {}); await load(); showSecret(c); } catch (err) { e.target.after(errorBox(err)); }
        } }, t.newSecret), ' ',
        h('button', { 'data-action': 'revoke', onclick: async (e) => {
          if (!confirm(t.confirmRevoke)) return;
          try { await del(`/api/groups/${id}/integrations/${i.id}`); await load(); } catch (err) { e.target.after(errorBox(err)); }
        } }, t.revoke)]));
    box.replaceChildren(h('h2', {}, t.integrations), h('p', { class: 'muted' }, t.integrationsAbout),
      h('ul', { id: 'integrations' }, ...(r.items || []).map(item)),
      h('div', { class: 'row' }, h('div', { class: 'grow' }, name), connect), shown, h('div', { id: 'new-integration' }));
  };
  await load();
  return box;
}

async function notifications() {
  const url = '/api/notifications?limit=50';
  const r = await get(url);
  const item = (n) => h('li', { class: n.read ? 'muted' : '' },
    names(n.from || []), n.count > (n.from || []).length ? ` +${n.count - n.from.length}` : '', ' ',
    t.notificationKinds[n.kind] || n.kind, n.reason ? ` (${n.reason})` : '', n.excerpt ? `: “${n.excerpt}”` : '', ' · ',
    n.post ? h('a', { href: n.kind === 'question' || n.kind === 'question.waiting' ? `#/question/${n.post}` : n.kind === 'post.reported' ? '#/moderation' : `#/post/${n.post}` },
      when(n.createdAt)) : when(n.createdAt),
    n.group ? h('a', { href: `#/group/${n.group.id}` }, ` ${n.group.name}`) : null,
    n.topic ? h('a', { href: `#/topic/${q(n.topic)}` }, ` #${n.topic}`) : null);
  const list = h('ul', { id: 'notifications' });
  // older ones fifty at a time
  const older = pages(list, r, url, item, 'before', t.olderNotifications);
  older.id = 'older-notifications';
  const mark = h('button', { onclick: async () => {
    if (r.items?.length) await post('/api/notifications/read', { upTo: r.items[0].id });
    unread = 0;
    drawNav();
    route();
  } }, t.markRead);
  screen(t.notifications, mark, r.items?.length ? list : h('p', { class: 'muted' }, t.nothing), older);
}

/** A question's or an idea's status in the page's language. */
function statusName(kind, status) {
  if (kind === 'idea') return t.ideaStatus[status] || status;
  return ({ unanswered: t.unanswered, answered: t.answered, accepted: t.accepted })[status] || status;
}

async function search(_, params) {
  const input = h('input', { type: 'search', id: 'search-q', value: params.get('q') || '', placeholder: t.searchPlaceholder, 'aria-label': t.search });
  const typeLabels = { '': t.all, post: t.posts, person: t.people, group: t.groups };
  const type = h('select', { 'aria-label': t.type }, ...Object.entries(typeLabels).map(([v, label]) => h('option', { value: v, selected: params.get('type') === v }, label)));
  const form = h('form', { role: 'search', class: 'row' }, h('div', { class: 'grow' }, input), type, h('button', { class: 'primary', type: 'submit' }, t.search));
  form.onsubmit = (e) => { e.preventDefault(); location.hash = `#/search?q=${q(input.value)}${type.value ? `&type=${type.value}` : ''}`; };
  const results = h('section', { id: 'results' });
  screen(t.search, form, results);
  if (!params.get('q')) return;
  const url = `/api/search?q=${q(params.get('q'))}${params.get('type') ? `&type=${params.get('type')}` : ''}`;
  const r = await get(url);
  const entry = (it) => {
    if (it.type === 'person') return h('article', { class: 'card' }, h('a', { href: `#/user/${q(it.person.id)}` }, it.person.name || it.person.id), ' ', h('span', { class: 'muted' }, it.person.department || ''));
    if (it.type === 'group') return h('article', { class: 'card' }, h('a', { href: `#/group/${it.group.id}` }, it.group.name));
    return h('article', { class: 'card' }, h('header', { class: 'muted' }, it.post.author?.name || '', ' · ', when(it.post.createdAt),
      it.status ? ` · ${statusName(it.post.kind, it.status)}` : ''),
      h('p', {}, h('a', { href: it.post.kind === 'question' ? `#/question/${it.post.id}` : `#/post/${it.post.id}` }, snippet(it.snippet || it.post.text, it.post))));
  };
  // topics the words start, with what each is for and who looks after it, above the matches
  const topics = (r.topics || []).map((x) => h('article', { class: 'card topic', 'data-topic': x.topic },
    h('a', { href: `#/topic/${q(x.topic)}` }, `#${x.topic}`), ' ', h('span', { class: 'muted' }, t.followersCount(x.followers)),
    x.description ? h('p', {}, x.description) : null,
    x.owners?.length ? h('p', { class: 'muted' }, `${t.lookedAfterBy}: ${names(x.owners)}`) : null));
  const list = h('div');
  results.replaceChildren(...topics, list, pages(list, r, url, entry));
  if (!r.items?.length && !topics.length) results.append(h('p', { class: 'muted' }, t.nothing));
}

async function questions(_, params) {
  // '' for all of them; a status the API does not know (an old bookmark, a typo) reads as all of them, not as an error
  const asked = params.has('status') ? params.get('status') : 'unanswered';
  const status = ['unanswered', 'answered', 'accepted'].includes(asked) ? asked : '';
  // one topic's questions (a topic's owners keep an eye on its unanswered ones from its page)
  const topic = params.get('topic');
  const inTopic = topic ? `&topic=${q(topic)}` : '';
  const similar = h('div', { id: 'similar', 'aria-live': 'polite' });
  let timer;
  const ask = composer({ placeholder: t.askPlaceholder, button: t.ask, draft: 'question',
    onInput: (text) => {
      clearTimeout(timer);
      if (text.trim().length < 8) return similar.replaceChildren();
      timer = setTimeout(async () => {
        const r = await get(`/api/search/similar-questions?text=${q(text)}`);
        // headed only when there is something like it
        similar.replaceChildren(...(r.items?.length ? [h('h2', {}, t.similar), h('ul', {}, ...r.items.map((it) => h('li', {}, h('a', { href: `#/question/${it.post.id}` }, snippet(it.snippet || it.post.text, it.post)))))] : []));
      }, 250);
    },
    send: async (text, key) => { const r = await publish({ text, kind: 'question' }, key); location.hash = `#/question/${r.id}`; } });
  ask.id = 'ask';
  const filters = h('div', { class: 'row' }, ...[['unanswered', t.unanswered], ['answered', t.answered], ['accepted', t.accepted], ['', t.all]].map(([v, label]) =>
    h('a', { class: 'button', href: `#/questions?status=${v}${inTopic}`, 'aria-current': v === status ? 'page' : null }, label)));
  const url = `/api/questions?${new URLSearchParams({ ...(status ? { status } : {}), ...(topic ? { topic } : {}) })}`;
  const r = await get(url);
  const list = h('ul', { id: 'questions' });
  const more = pages(list, r, url, (it) => h('li', {}, h('a', { href: `#/question/${it.question.id}` }, it.question.text),
    // who asked and when: a colleague's question of this morning reads differently from one left for a month
    h('span', { class: 'muted' }, ` · ${it.question.author?.name || it.question.author?.id} · ${when(it.question.createdAt)} · ${t.answersCount(it.answers)} · ${statusName('question', it.status)}`)), 'before');
  screen(topic ? `${t.questions} · #${topic}` : t.questions, ask, similar, filters, r.items?.length ? list : h('p', { class: 'muted' }, t.nothing), more);
}

async function question([id]) {
  const r = await get(`/api/questions/${id}`);
  const asker = r.question.author?.id === me.id;
  const items = (r.items || []).map((a) => postCard(a, me.id, { cls: a.accepted ? 'accepted' : '', extra: [
    a.accepted ? h('strong', { class: 'ok' }, t.accepted) : null,
    asker && !a.accepted ? h('button', { 'data-action': 'accept', onclick: async () => { await put(`/api/posts/${id}/accepted-answer`, { answer: a.id }); route(); } }, t.accept) : null] }));
  const answer = composer({ placeholder: t.yourAnswer, button: t.answer, draft: `answer.${id}`, send: async (text, key) => { await publish({ text, inReplyTo: id }, key); route(); } });
  cleanup.push(live.subscribe({ stream: 'thread', post: id }, (m) => {
    if (m.type === 'update' || m.type === 'question.status') setTimeout(() => route(), 50);
  }));
  screen(t.questions, postCard(r.question, me.id), h('p', { class: 'muted', id: 'question-status', 'data-status': r.status },
    statusName('question', r.status)), await conversationBell(id), ...items, answer);
}

async function experts(_, params) {
  const input = h('input', { id: 'experts-topic', value: params.get('topic') || '', placeholder: '#topic', 'aria-label': t.topic });
  const form = h('form', { class: 'row' }, h('div', { class: 'grow' }, input), h('button', { class: 'primary', type: 'submit' }, t.search));
  form.onsubmit = (e) => { e.preventDefault(); location.hash = `#/experts?topic=${q(input.value.replace(/^#/, '').toLowerCase())}`; };
  const out = h('ol', {});
  screen(t.whoKnows, form, out);
  if (!params.get('topic')) {
    // before a topic is asked about: the directory of who looks after what
    const admin = me.roles?.includes('admin');
    const dUrl = '/api/topics?lookedAfter=true', oUrl = '/api/topics?offered=true&limit=100';
    const [dir, offered] = await Promise.all([get(dUrl), admin ? get(oUrl) : {}]), ol = h('ul', { id: 'topic-offers-queue', class: 'plain' });
    // what waits for an admin: colleagues who offered to look after a topic
    if (admin && noteOffers(offered)) drawNav();
    if (offered.items?.length) out.before(h('h2', {}, t.topicOffers), ol, pages(ol, offered, oUrl, (x) => h('li', { 'data-topic': x.topic },
      h('a', { href: `#/topic/${q(x.topic)}` }, `#${x.topic}`), offerList(x.topic, x.offers))));
    const dl = h('ul', { id: 'topic-directory', class: 'plain' });
    if (dir.items?.length) out.before(h('h2', {}, t.topicDirectory), dl, pages(dl, dir, dUrl, (x) => h('li', {},
      h('a', { href: `#/topic/${q(x.topic)}` }, `#${x.topic}`), ` — ${names(x.owners)} `,
      waitingLink(x),
      x.description ? h('div', { class: 'muted' }, x.description) : null), 'after'));
    return;
  }
  const [r, about] = await Promise.all([get(`/api/experts?topic=${q(params.get('topic'))}`), get(`/api/topics/${q(params.get('topic'))}`).catch(() => null)]);
  // whoever was made answerable for the topic comes before the evidence
  if (about?.owners?.length) out.before(h('p', { id: 'experts-owners' }, `${t.lookedAfterBy}: `,
    ...personLinks(about.owners)));
  // the reason in the page's language, from the evidence's numbers (the server's `reason` is English)
  out.replaceChildren(...(r.items || []).map((e) => h('li', {}, h('a', { href: `#/user/${q(e.user.id)}` }, e.user.name || e.user.id), ' — ',
    h('span', { class: 'reason' }, e.evidence ? t.evidenceText(e.evidence, r.topics || []) : e.reason))));
  if (!r.items?.length) out.append(h('p', { class: 'muted' }, t.nothing));
}

/** The shared link library: save a link with tags and a comment, find links by words, tag or the week's most shared. */
async function links(_, params) {
  const query = { q: params.get('q') || '', tag: params.get('tag') || '', sort: params.get('sort') || 'recent' };
  const go = (change) => goWith('#/links', { ...query, ...change }, { sort: 'recent' });
  const url = h('input', { id: 'link-url', type: 'url', required: true, maxlength: '2000', placeholder: 'https://' });
  const tags = h('input', { id: 'link-tags', maxlength: '700', placeholder: '#kotlin #testing' });
  const comment = h('input', { id: 'link-comment', maxlength: '500' });
  const save = h('form', { id: 'save-link' }, h('label', { for: 'link-url' }, t.address), url, h('label', { for: 'link-tags' }, t.tags), tags,
    h('label', { for: 'link-comment' }, t.comment), comment, h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit' }, t.save)));
  save.onsubmit = async (e) => {
    e.preventDefault();
    save.querySelector('.error')?.remove();
    try {
      await post('/api/bookmarks', { url: url.value.trim(), tags: tagsOf(tags.value), ...(comment.value.trim() ? { comment: comment.value.trim() } : {}) });
      route();
    } catch (err) { save.append(errorBox(err)); }
  };
  const words = h('input', { type: 'search', id: 'links-q', value: query.q, 'aria-label': t.search, placeholder: t.searchLinks });
  const find = h('form', { role: 'search', class: 'row' }, h('div', { class: 'grow' }, words), h('button', { type: 'submit' }, t.search));
  find.onsubmit = (e) => { e.preventDefault(); go({ q: words.value.trim() }); };
  const sorts = h('div', { class: 'row', role: 'group', 'aria-label': t.sort }, ...[['recent', t.newest], ['week', t.mostSharedThisWeek]].map(([v, label]) =>
    h('button', { 'aria-pressed': String(query.sort === v), onclick: () => go({ sort: v }) }, label)),
  query.tag ? h('button', { onclick: () => go({ tag: '' }) }, `#${query.tag} ✕`) : null);
  const qs = new URLSearchParams({ limit: '50', sort: query.sort });
  if (query.q) qs.set('q', query.q);
  if (query.tag) qs.set('tag', query.tag);
  const r = await get(`/api/links?${qs}`);
  const list = h('ul', { id: 'links', class: 'plain' });
  const entry = (l) => {
    return h('li', { class: 'card link', 'data-link': l.id },
      h('a', { href: l.url, rel: 'noopener noreferrer', target: '_blank' }, l.url),
      h('div', { class: 'chips' }, ...(l.tags || []).map((x) => h('button', { class: 'chip', onclick: () => go({ tag: x }) }, `#${x}`))),
      h('p', { class: 'muted' }, t.sharedByCount(l.sharedBy), query.sort === 'week' ? ` · ${t.thisWeek(l.sharedThisWeek)}` : '', ' · ', when(l.lastSharedAt)),
      h('ul', { class: 'shares' }, ...(l.shares || []).map((x) => h('li', {}, h('a', { href: `#/user/${q(x.by.id)}` }, x.by.name || x.by.id),
        x.comment ? `: ${x.comment}` : '', x.post ? [' · ', h('a', { href: `#/post/${x.post}` }, snippetOf(x.text))] : null)),
        l.moreShares ? h('li', { class: 'muted' }, `+${l.moreShares}`) : null),
      l.saved ? h('button', { onclick: async (e) => {
        try { await del(`/api/bookmarks/${l.id}`); route(); } catch (err) { e.target.after(errorBox(err)); }
      } }, t.removeBookmark) : null);
  };
  // folded away: most visits are to find a link, not to add one
  const saveBox = h('details', { class: 'card', id: 'save-link-box' }, h('summary', {}, t.bookmark), save);
  const more = pages(list, r, `/api/links?${qs}`, entry);
  screen(t.links, saveBox, find, sorts, r.items?.length ? list : h('p', { class: 'muted' }, t.nothing), more);
}

/** Goes to {@code path} with these filters, but for empty and default ones: a short, shareable address. */
function goWith(path, filters, defaults) {
  const qs = Object.entries(filters).filter(([k, v]) => v && v !== defaults[k]).map(([k, v]) => `${k}=${q(v)}`).join('&');
  location.hash = `${path}${qs ? `?${qs}` : ''}`;
}

/** The first words of a post, for a line that links to it. */
function snippetOf(text) {
  const s = String(text || '');
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/**
 * The ideas board: rising (support gathering now) or newest, by status. Leaders, and the owners of
 * the group an idea was proposed in, set its status with a note; its author and supporters hear it.
 */
async function ideas(_, params) {
  const sort = params.get('sort') || 'rising';
  const status = params.get('status') || '';
  const go = (change) => goWith('#/ideas', { sort, status, ...change }, { sort: 'rising' });
  const qs = new URLSearchParams({ sort, limit: '50' });
  if (status) qs.set('status', status);
  const [r, mine] = await Promise.all([get(`/api/ideas?${qs}`), get('/api/me/groups')]);
  const owns = new Set((mine.items || []).filter((g) => g.role === 'owner').map((g) => g.id));
  const leader = me.roles?.includes('leader');
  const propose = composer({ placeholder: t.proposeIdea, button: t.propose, draft: 'idea', send: async (text, key) => { await publish({ text, kind: 'idea' }, key); route(); } });
  const sorts = h('div', { class: 'row', role: 'group', 'aria-label': t.sort }, ...[['rising', t.rising], ['newest', t.newest]].map(([v, label]) =>
    h('button', { 'aria-pressed': String(sort === v), onclick: () => go({ sort: v }) }, label)));
  const filter = h('select', { 'aria-label': t.status, id: 'ideas-status', onchange: (e) => go({ status: e.target.value }) },
    h('option', { value: '' }, t.all), ...Object.entries(t.ideaStatus).map(([v, label]) => h('option', { value: v, selected: status === v }, label)));
  const decide = (it) => {
    if (!leader && !(it.idea.group && owns.has(it.idea.group))) return null;
    const choice = h('select', { 'aria-label': t.status }, ...Object.entries(t.ideaStatus).map(([v, label]) => h('option', { value: v, selected: it.status === v }, label)));
    const note = h('input', { 'aria-label': t.note, placeholder: t.note, maxlength: '500' });
    const form = h('form', { class: 'row decide' }, choice, h('div', { class: 'grow' }, note), h('button', { type: 'submit' }, t.setStatus));
    form.onsubmit = async (e) => {
      e.preventDefault();
      try {
        await put(`/api/posts/${it.idea.id}/idea-status`, { status: choice.value, ...(note.value.trim() ? { note: note.value.trim() } : {}) });
        route();
      } catch (err) { form.after(errorBox(err)); }
    };
    return form;
  };
  const card = (it) => {
    const decided = it.decidedBy ? h('p', { class: 'muted decided' }, t.decidedBy(it.decidedBy.name || it.decidedBy.id), it.note ? `: ${it.note}` : '') : null;
    return postCard(it.idea, me.id, { extra: [h('span', { class: 'chip', 'data-status': it.status }, t.ideaStatus[it.status] || it.status)],
      after: [decided, decide(it)] });
  };
  const list = h('div');
  screen(t.ideas, propose, h('div', { class: 'row' }, sorts, filter), r.items?.length ? list : h('p', { class: 'muted' }, t.nothing), pages(list, r, `/api/ideas?${qs}`, card));
}

/** "#a b, c" → ["a", "b", "c"]: topics as people type them. */
function tagsOf(text) {
  return text.split(/[\s,]+/).map((x) => x.replace(/^#/, '')).filter(Boolean);
}

/** An owner's form for what the group says of itself: its name, description and topics (who may join is fixed). */
function groupDetailsForm(g) {
  const name = h('input', { 'aria-label': t.name, name: 'name', value: g.name, maxlength: '80', required: true });
  const description = h('textarea', { 'aria-label': t.description, name: 'description', maxlength: '1000' }, g.description || '');
  const topics = h('input', { 'aria-label': t.topicsField, name: 'topics', value: (g.topics || []).map((x) => `#${x}`).join(' ') });
  const form = h('form', { class: 'card', id: 'group-details' }, h('h2', {}, t.editGroup),
    h('label', {}, t.name, name), h('label', {}, t.description, description), h('label', {}, t.topicsField, topics),
    h('button', { class: 'primary', type: 'submit' }, t.save));
  form.onsubmit = async (e) => {
    e.preventDefault();
    try {
      await patch(`/api/groups/${g.id}`, { name: name.value.trim(), description: description.value.trim(),
        topics: tagsOf(topics.value) });
      route();
    } catch (err) { form.querySelector('.error')?.remove(); form.append(errorBox(err)); }
  };
  return form;
}

/**
 * The moderators' queue: reported posts an admin, or a group's owner, moderates, most reported
 * first, with the reasons and the reporters' words, never who reported. Remove (the author is
 * told why) or keep (the reporters are told).
 */
async function moderation(_, params) {
  const r = await get(`/api/moderation/reports?limit=50${params.get('next') ? `&next=${params.get('next')}` : ''}`);
  reportsOpen = r.total || 0;
  drawNav();
  const card = (it) => {
    const reasons = Object.entries(it.reasons).map(([k, n]) => `${t.reportReasons[k] || k}: ${n}`).join(', ');
    const notes = h('ul', { class: 'notes' }, ...(it.notes || []).map((n) => h('li', {}, `${t.reportReasons[n.reason] || n.reason}: `, n.note)));
    const why = h('input', { 'aria-label': t.removalReason, placeholder: t.removalReason, maxlength: '500', name: 'reason' });
    const decide = (action) => async (e) => {
      e.preventDefault();
      try {
        await post(`/api/posts/${it.post.id}/moderation`, action === 'remove' ? { action, reason: why.value.trim() } : { action });
        route();
      } catch (err) { form.querySelector('.error')?.remove(); form.append(errorBox(err)); }
    };
    const form = h('form', { class: 'row decide', onsubmit: decide('remove') }, h('div', { class: 'grow' }, why),
      h('button', { type: 'submit', 'data-action': 'remove' }, t.removePost), h('button', { type: 'button', 'data-action': 'keep', onclick: decide('keep') }, t.keepPost));
    return postCard(it.post, me.id, { noReport: true, extra: [h('span', { class: 'chip', 'data-reports': it.reports }, t.reportsCount(it.reports))],
      after: [h('p', { class: 'muted' }, reasons), it.notes?.length ? notes : null, form] });
  };
  // admins oversee what every moderator decided (never the posts' words)
  const log = me.roles?.includes('admin') ? await get('/api/moderation/log') : null, ml = h('ul', { id: 'moderation-log' });
  const decision = (d) => h('li', {}, (d.action === 'remove' ? t.decidedRemove : t.decidedKeep)(d.by?.name || d.by?.id, d.post.author?.name || d.post.author?.id),
    d.post.group ? h('a', { href: `#/group/${d.post.group.id}` }, ` ${d.post.group.name}`) : null,
    d.reason ? ` (${d.reason})` : '', ` · ${t.reportsCount(d.reports)} · ${when(d.at)}`);
  screen(t.moderation, h('p', { class: 'muted' }, t.moderationIntro),
    ...(r.items?.length ? r.items.map(card) : [h('p', { class: 'muted' }, t.nothing)]),
    r.next ? h('a', { class: 'button', href: `#/moderation?next=${r.next}` }, '→') : null,
    ...(!log ? [] : [h('h2', {}, t.recentDecisions), ...(log.items?.length ? [ml, pages(ml, log, '/api/moderation/log', decision, 'before', t.olderOnes)] : [h('p', { class: 'muted' }, t.nothing)])]));
}

start();
