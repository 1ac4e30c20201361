// The leaders' pulse: trends, activity, questions and ideas live from the `pulse` stream; the
// relationship figures (refreshed on a schedule) over HTTP. Withheld figures are shown as such.
import { get } from './api.js';
import { t } from './i18n.js';
import * as live from './live.js';
import { errorBox, h, when } from './ui.js';

const pct = (v) => (v == null ? t.withheld : `${Math.round(v * 100)}%`);
const num = (v) => (v == null ? t.withheld : typeof v === 'number' ? (Math.round(v * 100) / 100).toString() : v);

/** A week by the day it began. */
const weekOf = (iso) => when(iso).split(',')[0];

function cell(v, fmt = num) {
  return v == null ? h('td', { class: 'withheld' }, t.withheld) : h('td', {}, fmt(v));
}

export async function pulseScreen(content, me, cleanup) {
  document.title = `${t.pulse} · Deling`;
  content.classList.add('wide');
  if (!me.roles?.includes('leader')) {
    content.replaceChildren(h('h1', {}, t.pulse), h('p', { class: 'error', id: 'pulse-forbidden' }, t.forbidden));
    return;
  }
  const trends = h('section', { class: 'card', id: 'pulse-trends' }, h('h2', {}, t.trends));
  const activity = h('section', { class: 'card', id: 'pulse-activity' }, h('h2', {}, t.activity));
  const questions = h('section', { class: 'card', id: 'pulse-questions' }, h('h2', {}, t.unansweredByTopic));
  const ideas = h('section', { class: 'card', id: 'pulse-ideas' }, h('h2', {}, t.risingIdeas));
  const network = h('section', { class: 'card scroll', id: 'pulse-network', tabindex: 0 }, h('h2', {}, t.matrix));
  const voices = h('section', { class: 'card', id: 'pulse-voices' }, h('h2', {}, t.newVoices));
  const stamp = h('p', { class: 'muted', id: 'pulse-live', 'aria-live': 'polite' });
  content.replaceChildren(h('h1', {}, t.pulse), h('p', { class: 'muted' }, t.pulseIntro), stamp,
    h('div', { class: 'grid' }, trends, activity, questions, ideas, voices), network);

  const drawTrends = (items) => trends.replaceChildren(h('h2', {}, t.trends), items.length
    ? h('ol', {}, ...items.map((x) => h('li', {}, h('a', { href: `#/topic/${encodeURIComponent(x.topic)}` }, `#${x.topic}`),
      // what a leader can read: how many wrote in its best hour, against how many that hour of the week usually has (the score is the API's)
      h('span', { class: 'muted' }, ` · ${t.authors(x.authorsInPeakHour, Math.round(x.expected * 10) / 10)}`))))
    : h('p', { class: 'muted' }, t.nothing));
  const drawHours = async () => {
    const r = await get('/api/pulse/activity');
    const max = Math.max(1, ...r.items.map((x) => (x.withheld ? 0 : x.posts + x.replies + x.answers + x.questions + x.ideas)));
    const hour = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    const withheld = r.items.filter((x) => x.withheld).length;
    activity.replaceChildren(h('h2', {}, t.activity),
      h('div', { class: 'bars', role: 'img', 'aria-label': `${t.activity}: ${t.tallestBar(max)}; ${t.hoursWithheld(withheld)}`, 'data-max': max },
        ...r.items.map((x) => x.withheld
          ? h('span', { class: 'withheld', title: `${hour(x.hour)}: ${t.withheld}` })
          : h('span', { style: `height:${Math.round(100 * (x.posts + x.replies + x.answers + x.questions + x.ideas) / max)}%`,
            title: `${hour(x.hour)}: ${x.posts + x.replies + x.answers + x.questions + x.ideas} · ${x.activePeople}` }))),
      // the axis: when the first hour began, the middle one, and now; then what the height and the hatching mean
      h('div', { class: 'axis muted', 'aria-hidden': 'true' }, ...(r.items.length
        ? [r.items[0], r.items[Math.floor(r.items.length / 2)]].map((x) => h('span', {}, hour(x.hour))) : []), h('span', {}, t.now)),
      h('p', { class: 'muted legend' }, t.tallestBar(max), ' · ', h('span', { class: 'swatch withheld', 'aria-hidden': 'true' }), ` ${t.withheldHours}`));
  };
  const drawQuestions = (qs) => questions.replaceChildren(h('h2', {}, t.unansweredByTopic), qs.unansweredByTopic.length
    ? h('table', {}, h('tr', {}, h('th', {}, t.topic), h('th', {}, '< 1 d'), h('th', {}, '1–7 d'), h('th', {}, '> 7 d')),
      ...qs.unansweredByTopic.map((x) => h('tr', {}, h('td', {}, `#${x.topic}`), cell(x.byAge.underADay), cell(x.byAge.oneToSevenDays), cell(x.byAge.overAWeek))))
    : qs.withheldTopics ? '' : h('p', { class: 'muted' }, t.nothing),
    // topics whose unanswered questions come from fewer than k askers: not "nothing", but not shown
    qs.withheldTopics ? h('p', { class: 'muted', id: 'pulse-topics-withheld' }, t.topicsWithheld(qs.withheldTopics)) : null,
    // week by week: how many were asked, and what share got an answer and an accepted one
    qs.weeks.length ? h('table', { id: 'pulse-weeks' }, h('tr', {}, h('th', {}, t.weekOf), h('th', {}, t.asked), h('th', {}, t.answeredShare), h('th', {}, t.acceptedShare)),
      ...qs.weeks.map((w) => h('tr', {}, h('td', {}, weekOf(w.weekStart)), w.withheld ? cell(null) : cell(w.asked),
        w.withheld ? cell(null) : cell(w.answeredShare, pct), w.withheld ? cell(null) : cell(w.acceptedShare, pct)))) : null);
  const drawIdeas = (is) => ideas.replaceChildren(h('h2', {}, t.risingIdeas), is.rising.length
    ? h('ol', {}, ...is.rising.map((x) => h('li', {}, h('a', { href: `#/post/${x.id}` }, x.text.slice(0, 120)),
      h('span', { class: 'muted' }, ` · ${t.ideaStatus[x.status] || x.status} · ${t.endorsersCount(x.endorsers)}`))))
    : h('p', { class: 'muted' }, t.nothing));

  // who contributed for the first time last week (a whole week: a running one shows its total only), by department
  get('/api/pulse/new-voices').then((r) => voices.replaceChildren(h('h2', {}, t.newVoices), h('p', {}, num(r.total)),
    h('table', {}, ...r.departments.map((d) => h('tr', {}, h('td', {}, d.name), cell(d.count))))), (e) => voices.append(errorBox(e)));
  try {
    const [net] = await Promise.all([get('/api/pulse/network'), drawHours()]);
    const units = net.matrix?.units || [];
    network.replaceChildren(h('h2', {}, t.matrix), units.length ? h('table', {},
      h('tr', {}, h('th', {}, ''), ...units.map((u) => h('th', { scope: 'col' }, u))),
      ...net.matrix.ties.map((row, i) => h('tr', {}, h('th', { scope: 'row' }, units[i]), ...row.map((v) => cell(v))))) : h('p', { class: 'muted' }, t.nothing),
    // no departments yet (the figures are refreshed on a schedule): no empty table under "nothing here"
    (net.departments || []).length ? h('table', {}, h('tr', {}, h('th', {}, t.department), h('th', {}, t.reciprocity), h('th', {}, 'E-I'), h('th', {}, t.shareOutside)),
      ...net.departments.map((d) => h('tr', {}, h('td', {}, d.name), cell(d.reciprocity, pct), cell(d.eiIndex), cell(d.shareWithOutsideTie, pct)))) : '');
  } catch (e) {
    network.append(errorBox(e));
  }
  let hoursTimer = setInterval(drawHours, 60_000);
  cleanup.push(() => clearInterval(hoursTimer));
  cleanup.push(live.subscribe({ stream: 'pulse' }, (m) => {
    if (m.type === 'error') { stamp.replaceChildren(errorBox({ message: m.message })); return; }
    if (m.type !== 'pulse') return;
    stamp.textContent = `${t.live}: ${new Date(m.at).toLocaleTimeString()} · k = ${m.k}`;
    stamp.dataset.position = m.position;
    drawTrends(m.trends);
    // this hour's bar follows the stream; the older hours come over HTTP each minute
    const bars = activity.querySelector('.bars');
    const last = bars?.lastElementChild;
    if (last && m.hour && !m.hour.withheld) {
      const total = m.hour.posts + m.hour.replies + m.hour.answers + m.hour.questions + m.hour.ideas;
      last.className = '';
      last.title = `${m.hour.hour}: ${m.hour.posts} / ${m.hour.activePeople}`;
      last.style.height = `${Math.min(100, Math.max(2, Math.round(100 * total / Math.max(total, bars.dataset.max || 1))))}%`;
    }
    drawQuestions(m.questions);
    drawIdeas(m.ideas);
  }));
}

// A topic's pulse, for its owners, leaders and admins: fetched when opened (each look is audited).
export function topicPulse(tag) {
  const box = h('div', {});
  const details = h('details', { id: 'topic-pulse' }, h('summary', {}, t.topicPulse(tag)), box);
  details.ontoggle = async () => {
    if (!details.open) return;
    try {
      const r = await get(`/api/topics/${encodeURIComponent(tag)}/pulse`);
      const o = r.otherDepartments;
      box.replaceChildren(h('p', { class: 'muted' }, t.pulseIntro, ` k = ${r.k}`),
        h('div', { class: 'scroll', tabindex: 0 }, h('table', { id: 'topic-pulse-weeks' },
          h('tr', {}, ...[t.weekOf, t.people, t.posts, t.questions, t.answers, t.departments, t.newPeople, t.answeredShare].map((x) => h('th', {}, x))),
          ...r.weeks.map((w) => h('tr', {}, h('td', {}, weekOf(w.weekStart)),
            ...(w.withheld ? [h('td', { class: 'withheld', colspan: 7 }, t.withheld)]
              : [cell(w.people), cell(w.posts), cell(w.questions), cell(w.answers), cell(w.departments), cell(w.newPeople),
                w.answeredShare == null ? h('td', {}, '–') : cell(w.answeredShare, pct)]))))),
        h('p', { id: 'topic-pulse-departments' }, `${t.departmentsTakingPart}: `,
          [...r.departments.map((d) => `${d.name} (${d.people})`), ...(o.departments ? [`${t.otherDepartments(o.departments)} (${num(o.people)})`] : [])].join(', ') || t.nothing));
    } catch (e) {
      box.replaceChildren(errorBox(e));
    }
  };
  return details;
}
