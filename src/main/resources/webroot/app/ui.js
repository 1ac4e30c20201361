// Small DOM helpers and the pieces every screen shares: a post, the composer, errors.
import { api, del, DRAFTS, fileUrl, get, newKey, post, put, q, upload } from './api.js';
import { dateFormat, t } from './i18n.js';

/** h('div', {class: 'x', onclick: f}, child, 'text', …) — text is always text, never HTML. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

export const when = (iso) => (iso ? dateFormat.format(new Date(iso)) : '');

export function problemText(e) {
  const p = e?.problem;
  if (p?.errors?.length) return p.errors.map((x) => `${x.field}: ${x.message || x.rule}`).join('; ');
  // the server's own failures carry the request's name, for the operator to find in the log
  return (p?.detail || p?.title || e?.message || t.failed) + (e?.status >= 500 && p?.requestId ? ` (${t.reference} ${p.requestId})` : '');
}

export function errorBox(e) {
  return h('p', { class: 'error', role: 'alert' }, problemText(e));
}

/** The colleagues a post names (`mentioned`), by id; null for text that is no post's. */
const namedIn = (p) => p && new Map((p.mentioned || []).map((x) => [x.id, x]));
// the server's own rule for an @id: not inside a word, an address or a path
const MENTION = '(?<![\\p{L}\\p{N}_.@/])@[A-Za-z0-9][A-Za-z0-9._-]{0,63}';

/** An @word as written: its id ("@bob." ends a sentence), the colleague it names, and what follows the id. */
function mention(s, named) {
  const id = s.slice(1).replace(/[._-]+$/, '');
  return { id, who: named?.get(id), rest: s.slice(id.length + 1) };
}

/**
 * Text with #topics, @people and links made into links; everything else stays text. Given the post,
 * an @id shows the name it `mentioned` (an @word that names no colleague stays as written).
 */
export function richText(text, p) {
  const out = [];
  const named = namedIn(p);
  const re = new RegExp(`((?<![\\p{L}\\p{N}_&/])#[\\p{L}\\p{N}_]{1,64})|(${MENTION})|(https?:\\/\\/[^\\s<>"]+)`, 'gu');
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const s = m[0];
    if (m[1]) out.push(h('a', { href: `#/topic/${q(s.slice(1).toLowerCase())}` }, s));
    else if (m[2]) {
      const { id, who, rest } = mention(s, named);
      if (named && !who) out.push(s);
      else out.push(h('a', { class: 'mention', href: `#/user/${q(id)}`, title: `@${id}` }, `@${who ? who.name : id}`), rest);
    } else out.push(h('a', { href: s, rel: 'noopener noreferrer', target: '_blank' }, s));
    last = m.index + s.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Plain text with each @id the post names shown as @Name. */
const withNames = (text, named) => (named ? text.replace(new RegExp(MENTION, 'gu'), (s) => {
  const { who, rest } = mention(s, named);
  return who ? `@${who.name}${rest}` : s;
}) : text);

/** A search snippet: text with the server's <mark> around matches; everything else is escaped. Given the post, @ids show names. */
export function snippet(html, post) {
  const span = h('span', {});
  const named = namedIn(post);
  const parts = String(html).split(/(<mark>|<\/mark>)/);
  let inMark = false;
  for (const p of parts) {
    if (p === '<mark>') inMark = true;
    else if (p === '</mark>') inMark = false;
    else if (p) span.append(inMark ? h('mark', {}, withNames(decode(p), named)) : withNames(decode(p), named));
  }
  return span;
}

function decode(s) {
  const ta = document.createElement('textarea');
  ta.innerHTML = s; // only to turn &amp; etc. back into characters; the result is inserted as text
  return ta.value;
}

/** Posts on screen by id, so live counts and edits update every copy in place. */
const shown = new Map();

export function updateCounts(id, field, value) {
  for (const el of shown.get(id) || []) {
    const b = el.querySelector(`[data-count="${field}"]`);
    if (b) b.textContent = value;
  }
}

export function replaceText(p) {
  for (const el of shown.get(p.id) || []) {
    const tx = el.querySelector('.text');
    if (tx) tx.replaceChildren(...richText(p.text || '', p));
    // an edit may change the links: their cards follow
    el.querySelector('.previews')?.remove();
    if (p.links?.length && tx) (el.querySelector('.files') || tx).after(linkCards(p));
  }
}

/** A poll's counts changed (live): every copy on screen shows them, each keeping my own choice. */
export function updatePoll(id, poll) {
  for (const el of shown.get(id) || []) {
    const box = el.querySelector('.poll');
    if (box) renderPoll(box, id, { ...poll, myVote: box.dataset.mine === '' ? null : Number(box.dataset.mine) });
  }
}

/** A poll's options as buttons: choose one, choose it again to take the vote back; counts and shares under each. */
function renderPoll(box, id, poll) {
  const mine = poll.myVote ?? null;
  box.dataset.mine = mine === null ? '' : String(mine);
  const total = poll.options.reduce((sum, o) => sum + o.votes, 0);
  box.replaceChildren(...[...poll.options.map((o, i) => {
    const share = total ? Math.round((100 * o.votes) / total) : 0;
    const b = h('button', { type: 'button', class: 'poll-option', 'aria-pressed': String(mine === i), disabled: poll.closed || null, 'data-option': String(i) },
      h('span', { class: 'label' }, o.text), h('span', { class: 'share' }, `${share} % · ${o.votes}`), h('span', { class: 'bar', style: `width:${share}%` }));
    b.onclick = async () => {
      try {
        const r = mine === i ? await del(`/api/posts/${id}/vote`) : await put(`/api/posts/${id}/vote`, { option: i });
        renderPoll(box, id, { ...r.poll, myVote: r.myVote });
      } catch (e) { box.append(errorBox(e)); }
    };
    return b;
  }), h('p', { class: 'muted' }, t.pollVotes(poll.votes), poll.closesAt ? ` · ${poll.closed ? t.pollClosed : t.pollClosesAt(when(poll.closesAt))}` : ''),
  box.dataset.own && !poll.closed ? h('button', { type: 'button', 'data-action': 'end-poll', onclick: async () => {
    try { const r = await post(`/api/posts/${id}/poll/close`); renderPoll(box, id, r.poll); } catch (e) { box.append(errorBox(e)); }
  } }, t.endPoll) : null].filter(Boolean));
}

/** The options of a poll being written, under a composer: hidden until asked for. */
export function pollEditor() {
  const options = h('div', { class: 'poll-inputs' });
  const field = (i) => h('input', { class: 'poll-input', maxlength: '100', 'aria-label': t.option(i + 1), placeholder: t.option(i + 1) });
  const more = h('button', { type: 'button', id: 'poll-more' }, t.addOption);
  const closes = h('select', { id: 'poll-closes' }, ...[['', t.pollOpen], ['1', t.inDays(1)], ['3', t.inDays(3)], ['7', t.inDays(7)]]
    .map(([v, label]) => h('option', { value: v }, label)));
  const panel = h('fieldset', { class: 'poll-editor', hidden: true }, h('legend', {}, t.poll), options,
    h('div', { class: 'row' }, more, h('label', { for: 'poll-closes' }, t.pollCloses), closes));
  const toggle = h('button', { type: 'button', id: 'poll-toggle', 'aria-expanded': 'false' }, t.addPoll);
  const show = (on) => {
    panel.hidden = !on;
    toggle.setAttribute('aria-expanded', String(on));
    toggle.textContent = on ? t.removePoll : t.addPoll;
    if (!on) options.replaceChildren(field(0), field(1));
    more.hidden = false;
  };
  toggle.onclick = () => show(panel.hidden);
  more.onclick = () => {
    options.append(field(options.children.length));
    more.hidden = options.children.length >= 10;
    options.lastChild.focus();
  };
  show(false);
  return {
    parts: [toggle, panel],
    /** null when no poll is being written */
    value: () => (panel.hidden ? null : {
      options: [...options.querySelectorAll('input')].map((i) => i.value.trim()).filter(Boolean),
      ...(closes.value ? { closesAt: new Date(Date.now() + Number(closes.value) * 86_400_000).toISOString() } : {}),
    }),
    reset: () => show(false),
  };
}

/** Files for a post, under a composer: each uploaded when chosen (or pasted), shown as a chip that can be taken off again. */
export function attacher(shown = []) {
  const chips = h('div', { class: 'files' });
  const input = h('input', { type: 'file', multiple: true, hidden: true });
  const show = (chip, f) => {
    chip.dataset.id = f.id;
    chip.replaceChildren(f.name, ' ', h('button', { type: 'button', 'aria-label': `${t.remove} ${f.name}`, onclick: () => chip.remove() }, '×'),
      // what the image shows, for those who cannot see it (its alt text)
      ...(f.image ? [h('input', { class: 'describe', placeholder: t.describe, 'aria-label': t.describe, maxlength: '1000', value: f.description,
        onchange: (e) => put(`/api/files/${f.id}/description`, { description: e.target.value }).catch((err) => chip.append(errorBox(err))) })] : []));
  };
  for (const f of shown) { const chip = h('span', { class: 'chip' }); show(chip, f); chips.append(chip); }
  const add = async (file) => {
    if (chips.children.length >= 4) return;
    const chip = h('span', { class: 'chip' }, `${file.name} …`);
    chips.append(chip); // in the order chosen, whichever upload ends first
    try { show(chip, await upload(file)); } catch (e) { chip.replaceWith(errorBox(e)); }
  };
  input.onchange = () => { [...input.files].forEach(add); input.value = ''; };
  return {
    parts: [h('button', { type: 'button', 'data-action': 'attach', onclick: () => input.click() }, t.attach), input, chips],
    /** A screenshot pasted into the text, or files dropped on the composer, are attached. */
    into: (form) => {
      form.addEventListener('paste', (e) => [...(e.clipboardData?.files || [])].forEach(add));
      form.addEventListener('dragover', (e) => e.preventDefault());
      form.addEventListener('drop', (e) => { e.preventDefault(); [...(e.dataTransfer?.files || [])].forEach(add); });
    },
    ids: () => {
      const ids = [...chips.querySelectorAll('[data-id]')].map((c) => c.dataset.id);
      return ids.length ? { attachments: ids } : {};
    },
    reset: () => chips.replaceChildren(),
  };
}

const avatars = new Map(); // photo URL → a URL of this page's own, fetched once
/** A person's photo (its URL as the API gives it). */
export function avatar(url, cls = 'avatar') {
  const img = h('img', { class: cls, alt: '' });
  if (!avatars.has(url)) avatars.set(url, fileUrl(url));
  avatars.get(url).then((u) => { img.src = u; }, () => img.remove());
  return img;
}

/**
 * The size a post's image takes on screen, known before its thumbnail arrives, so the timeline
 * does not jump as images load: the thumbnail's size (640 pixels at most), no taller than the
 * 24rem the style allows. Narrower screens shrink it in proportion (max-width, height: auto).
 */
function shownSize(a) {
  if (!a.width || !a.height) return {};
  const thumb = Math.min(1, 640 / Math.max(a.width, a.height));
  const tall = parseFloat(getComputedStyle(document.documentElement).fontSize || '16') * 24;
  const scale = thumb * Math.min(1, tall / (a.height * thumb));
  return { width: Math.max(1, Math.round(a.width * scale)), height: Math.max(1, Math.round(a.height * scale)) };
}

/** A post's files: images (their thumbnails) in the post, opening whole; other files as downloads. */
function files(list) {
  const open = (a, e) => {
    e.preventDefault();
    const w = a.image ? window.open('', '_blank') : null; // opened in the click, so no popup blocker stops it
    fileUrl(a.url).then((u) => { if (w) w.location = u; else h('a', { href: u, download: a.name }).click(); });
  };
  return h('div', { class: 'files' }, ...list.map((a) => {
    if (!a.image) return h('a', { class: 'chip', href: a.url, onclick: (e) => open(a, e) }, `${a.name} (${Math.ceil(a.size / 1024)} KB)`);
    const img = h('img', { alt: a.description || a.name, loading: 'lazy', ...shownSize(a) });
    img.onload = () => URL.revokeObjectURL(img.src);
    fileUrl(a.thumbnailUrl || a.url).then((u) => { img.src = u; }, () => img.replaceWith(a.name));
    // a heavy GIF shows its first frame: marked, so one knows a click plays it
    return h('a', { href: a.url, class: a.still ? 'still' : null, onclick: (e) => open(a, e) }, img,
      a.still ? h('span', { class: 'badge', title: t.playsWhenOpened }, 'GIF ▶') : null);
  }));
}

const previews = new Map(); // a post's id and links → what their pages say, asked once per page
/** Cards for the pages a post links to (title, site, a line of description), filled in once the server has read them. */
function linkCards(p) {
  const box = h('div', { class: 'previews' });
  const key = `${p.id} ${p.links.join(' ')}`; // an edit that changes the links asks again
  if (!previews.has(key)) previews.set(key, get(`/api/posts/${p.id}/link-previews`).then((r) => r.items || [], () => []));
  previews.get(key).then((items) => box.replaceChildren(...items.map((x) => h('a', { class: 'preview', href: x.url, target: '_blank',
    rel: 'noopener noreferrer' }, h('span', { class: 'muted' }, x.site), h('strong', {}, x.title), x.description ? h('span', {}, x.description) : null))));
  return box;
}

export function removePost(id) {
  for (const el of shown.get(id) || []) el.remove();
  shown.delete(id);
}

/**
 * A post as a card. {@code me} is the reader's id; {@code opts.onReply} shows a reply link,
 * {@code opts.extra} adds controls (accept an answer, an idea's status); {@code opts.after}, blocks
 * below the actions (an idea's decision and the form to make one).
 */
export function postCard(p, me, opts = {}) {
  const el = h('article', { class: `post${p.sharedBy ? ' shared' : ''}${opts.cls ? ' ' + opts.cls : ''}`, 'data-id': p.id, tabindex: '0',
    'aria-label': `${p.author?.name || p.author?.id}: ${(p.text || '').slice(0, 80)}` });
  const endorseBtn = h('button', { 'aria-pressed': String(!!p.endorsedByMe), 'data-action': 'endorse' },
    `${p.endorsedByMe ? t.endorsed : t.endorse} `, h('span', { 'data-count': 'endorsements' }, p.endorsements ?? 0));
  endorseBtn.onclick = async () => {
    const on = endorseBtn.getAttribute('aria-pressed') !== 'true';
    try {
      const r = on ? await put(`/api/posts/${p.id}/endorsement`) : await del(`/api/posts/${p.id}/endorsement`);
      endorseBtn.setAttribute('aria-pressed', String(on));
      endorseBtn.firstChild.textContent = `${on ? t.endorsed : t.endorse} `;
      if (r && typeof r.endorsements === 'number') updateCounts(p.id, 'endorsements', r.endorsements);
    } catch (e) { el.append(errorBox(e)); }
  };
  const saveBtn = h('button', { 'aria-pressed': String(!!p.savedByMe), 'data-action': 'save' }, p.savedByMe ? t.savedPost : t.savePost);
  saveBtn.onclick = async () => {
    const on = saveBtn.getAttribute('aria-pressed') !== 'true';
    try {
      if (on) await put(`/api/posts/${p.id}/saved`); else await del(`/api/posts/${p.id}/saved`);
      saveBtn.setAttribute('aria-pressed', String(on));
      saveBtn.textContent = on ? t.savedPost : t.savePost;
    } catch (e) { el.append(errorBox(e)); }
  };
  const actions = [endorseBtn];
  if (p.author?.id !== me && !p.group) {
    const shareBtn = h('button', { 'aria-pressed': String(!!p.sharedByMe), 'data-action': 'share' }, `${t.share} `,
      h('span', { 'data-count': 'shares' }, p.shares ?? 0));
    shareBtn.onclick = async () => {
      const on = shareBtn.getAttribute('aria-pressed') !== 'true';
      try {
        const r = on ? await put(`/api/posts/${p.id}/share`) : await del(`/api/posts/${p.id}/share`);
        shareBtn.setAttribute('aria-pressed', String(on));
        if (r && typeof r.shares === 'number') updateCounts(p.id, 'shares', r.shares);
      } catch (e) { el.append(errorBox(e)); }
    };
    actions.push(shareBtn);
  }
  actions.push(h('a', { class: 'button', href: `#/post/${p.id}` }, p.replies ? t.replies(p.replies) : t.reply));
  if (p.author?.id === me) {
    actions.push(h('button', { 'data-action': 'edit', onclick: () => editInPlace(el, p) }, t.edit));
    actions.push(h('button', { 'data-action': 'delete', onclick: async () => {
      if (!confirm(t.confirmDelete)) return;
      try { await del(`/api/posts/${p.id}`); removePost(p.id); } catch (e) { el.append(errorBox(e)); }
    } }, t.delete));
  }
  if (p.editedAt) actions.push(h('a', { class: 'button', href: `#/history/${p.id}` }, t.history));
  if (p.author?.id !== me && !opts.noReport) {
    const reportBtn = h('button', { 'data-action': 'report' }, t.report);
    reportBtn.onclick = () => { if (!el.querySelector('form.report')) el.append(reportForm(p, reportBtn)); };
    actions.push(reportBtn);
  }
  actions.push(saveBtn);
  if (opts.extra) actions.push(...opts.extra);
  el.append(...[
    p.sharedBy ? h('div', { class: 'via' }, t.sharedBy(p.sharedBy.name || p.sharedBy.id)) : null,
    h('header', {},
      p.author?.photo ? avatar(p.author.photo) : null,
      // a group's integration is a tool, not a colleague: no profile to open
      p.author?.app ? h('span', { class: 'who' }, p.author.name) : h('a', { class: 'who', href: `#/user/${q(p.author?.id)}` }, p.author?.name || p.author?.id),
      p.author?.app ? h('span', { class: 'chip', 'data-app': '1' }, t.integration) : null,
      p.author?.department ? h('span', { class: 'muted' }, p.author.department) : null,
      // where it was posted, except on that group's own page
      p.postedIn && !location.hash.startsWith(`#/group/${p.postedIn.id}`) ? h('a', { href: `#/group/${p.postedIn.id}` }, `› ${p.postedIn.name}`) : null,
      h('a', { class: 'when', href: `#/post/${p.id}` }, when(p.createdAt)),
      p.editedAt ? h('span', { class: 'muted' }, `(${t.edited})`) : null,
      p.kind === 'question' || p.kind === 'idea' || p.kind === 'poll'
        ? h('span', { class: 'chip' }, p.kind === 'question' ? t.kindQuestion : p.kind === 'idea' ? t.kindIdea : t.poll) : null),
    p.replyingTo ? h('a', { class: 'replying muted', href: `#/post/${p.inReplyTo}` }, t.replyingTo(p.replyingTo.name)) : null,
    h('div', { class: 'text' }, ...richText(p.text || '', p)),
    p.attachments ? files(p.attachments) : null,
    p.links?.length ? linkCards(p) : null,
    p.poll ? pollBox(p, me) : null,
    h('div', { class: 'actions' }, ...actions), ...(opts.after || [])].filter(Boolean));
  if (!shown.has(p.id)) shown.set(p.id, new Set());
  shown.get(p.id).add(el);
  return el;
}

function pollBox(p, me) {
  const box = h('div', { class: 'poll', role: 'group', 'aria-label': t.poll });
  if (p.author?.id === me) box.dataset.own = '1'; // its author may end it
  renderPoll(box, p.id, p.poll);
  return box;
}

/** Report a post to its moderators: a reason, and words of one's own (needed for "something else"). */
function reportForm(p, button) {
  const reason = h('select', { 'aria-label': t.reason, name: 'reason' }, ...Object.entries(t.reportReasons).map(([v, label]) => h('option', { value: v }, label)));
  const note = h('input', { 'aria-label': t.reportNote, placeholder: t.reportNote, maxlength: '500', name: 'note' });
  const form = h('form', { class: 'card report row' }, reason, h('div', { class: 'grow' }, note),
    h('button', { class: 'primary', type: 'submit' }, t.sendReport), h('button', { type: 'button', onclick: () => form.remove() }, t.cancel));
  form.onsubmit = async (e) => {
    e.preventDefault();
    try {
      await post(`/api/posts/${p.id}/reports`, { reason: reason.value, ...(note.value.trim() ? { note: note.value.trim() } : {}) });
      button.textContent = t.reported;
      button.disabled = true;
      form.replaceWith(h('p', { class: 'muted', role: 'status' }, t.reportedThanks));
    } catch (err) { form.querySelector('.error')?.remove(); form.append(errorBox(err)); }
  };
  return form;
}

function editInPlace(el, p) {
  const area = h('textarea', { 'aria-label': t.edit }, p.text || '');
  const att = attacher(p.attachments || []); // the files it shows: take one off, add one
  const form = h('form', { class: 'card' }, area, ...att.parts, h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit' }, t.save),
    h('button', { type: 'button', onclick: () => form.remove() }, t.cancel)));
  att.into(form);
  form.onsubmit = async (e) => {
    e.preventDefault();
    try {
      const r = await put(`/api/posts/${p.id}`, { text: area.value, attachments: att.ids().attachments || [] });
      p.text = r.text;
      p.attachments = r.attachments;
      replaceText(r);
      el.querySelector(':scope > .files')?.remove();
      if (r.attachments) el.querySelector('.text').after(files(r.attachments));
      form.remove();
    } catch (err) { form.append(errorBox(err)); }
  };
  el.append(form);
  area.focus();
}

export const MAX_TEXT = 2000;

/**
 * A composer with a character counter, @mention completion from the directory and #topic
 * completion. {@code send(text)} writes; the composer clears itself when it succeeds. With a
 * {@code draft} name, what is typed is kept on this device until it is posted (or one signs out),
 * so leaving the screen or reloading the page loses nothing.
 */
export function composer({ placeholder, button, send, onInput, extra, draft }) {
  const area = h('textarea', { placeholder, 'aria-label': placeholder, maxlength: String(MAX_TEXT * 2) });
  // the draft keeps its Idempotency-Key too: a post whose answer was lost, sent again after a reload, is still posted once
  const kept = draft ? DRAFTS + draft : null;
  let stored = null;
  try { stored = kept ? JSON.parse(localStorage.getItem(kept) || 'null') : null; } catch { /* a damaged draft is no draft */ }
  if (stored?.text) area.value = stored.text;
  const keep = () => {
    if (!kept) return;
    if (area.value.trim()) localStorage.setItem(kept, JSON.stringify({ text: area.value, key: keyText === area.value ? key : null }));
    else localStorage.removeItem(kept);
  };
  const counter = h('span', { class: 'counter', 'aria-live': 'polite' });
  const list = h('ul', { class: 'suggest', role: 'listbox', hidden: true });
  const submit = h('button', { class: 'primary', type: 'submit' }, button);
  const status = h('div', {});
  const form = h('form', { class: 'compose card' }, area, list, ...(extra || []), h('div', { class: 'row' }, submit, counter), status);
  let items = [];
  let active = -1;
  let seq = 0;
  const count = () => {
    const left = MAX_TEXT - [...area.value].length;
    counter.textContent = left >= 0 ? t.charsLeft(left) : t.charsOver(-left);
    counter.classList.toggle('over', left < 0);
    submit.disabled = left < 0 || area.value.trim() === '';
  };
  const close = () => { list.hidden = true; items = []; active = -1; };
  const choose = (i) => {
    const it = items[i];
    if (!it) return;
    const upTo = area.value.slice(0, area.selectionStart);
    const m = upTo.match(/([@#])([\p{L}\p{N}_.-]*)$/u);
    if (!m) return close();
    const start = upTo.length - m[0].length;
    area.value = area.value.slice(0, start) + m[1] + it + ' ' + area.value.slice(area.selectionStart);
    area.selectionStart = area.selectionEnd = start + it.length + 2;
    close();
    count();
    area.focus();
  };
  const render = () => {
    list.replaceChildren(...items.map((it, i) => h('li', { role: 'option', 'aria-selected': String(i === active), onmousedown: (e) => { e.preventDefault(); choose(i); } }, it)));
    list.hidden = items.length === 0;
  };
  area.addEventListener('input', async () => {
    count();
    keep();
    if (onInput) onInput(area.value);
    const upTo = area.value.slice(0, area.selectionStart);
    const m = upTo.match(/(?:^|\s)([@#])([\p{L}\p{N}_.-]{1,40})$/u);
    if (!m) return close();
    const mine = ++seq;
    try {
      const r = m[1] === '@' ? await get(`/api/people?q=${q(m[2])}&limit=6`) : await get(`/api/topics?q=${q(m[2].toLowerCase())}&limit=6`);
      if (mine !== seq) return;
      items = (r.items || []).map((x) => (m[1] === '@' ? x.id : x.topic));
      active = items.length ? 0 : -1;
      render();
    } catch { close(); }
  });
  area.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') { active = (active + 1) % items.length; render(); e.preventDefault(); }
    else if (e.key === 'ArrowUp') { active = (active - 1 + items.length) % items.length; render(); e.preventDefault(); }
    else if (e.key === 'Enter' || e.key === 'Tab') { if (active >= 0) { choose(active); e.preventDefault(); } }
    else if (e.key === 'Escape') close();
  });
  area.addEventListener('blur', () => setTimeout(close, 150));
  // one key per draft: a second try of the same text after a failure (no answer came) cannot post it twice
  let key = stored?.key || null;
  let keyText = stored?.key ? stored.text : null;
  form.onsubmit = async (e) => {
    e.preventDefault();
    status.replaceChildren();
    submit.disabled = true;
    if (key === null || keyText !== area.value) {
      key = newKey();
      keyText = area.value;
    }
    keep();
    try {
      await send(area.value, key);
      area.value = '';
      keep();
      key = null;
      if (onInput) onInput('');
    } catch (err) {
      status.append(errorBox(err));
    }
    count();
  };
  count();
  return form;
}

export { api, get, post, put, del, q };
