// One event: what happened, when and how the date was found, and every source sentence with
// its trigger and time phrase highlighted, each linked to its place in the article.
import { el, setContent, link, outsideLink } from './dom.js';
import { getJSON, apiPath, hashFor } from './api.js';
import { QUAD_LABELS, categoryBadge, dateText, errorBox, highlighted, partyLink } from './format.js';

function row(label, ...value) {
  return el('tr', {}, el('th', {}, label), el('td', {}, ...value));
}

function derivation(d) {
  const interval = d.start ? (d.start === d.end ? d.start : `${d.start} to ${d.end}`) : 'unknown';
  return [
    el('strong', {}, dateText(d)), ` — ${d.granularity || 'unknown'} precision, interval ${interval}; `,
    d.phrase ? ['from the phrase “', el('mark', { class: 'time' }, d.phrase), '” '] : 'no time phrase ',
    `(rule: ${d.rule}${d.timex && d.timex !== d.value ? `, TIMEX3 ${d.timex}` : ''})`,
  ];
}

function sourceCard(s, i) {
  const base = s.sentence_span.start;
  const spans = [{ start: s.trigger_span.start - base, end: s.trigger_span.end - base, cls: 'trigger', title: 'trigger' }];
  if (s.time_span) spans.push({ start: s.time_span.start - base, end: s.time_span.end - base, cls: 'time', title: 'time phrase' });
  return el('li', { class: 'source', 'data-report': s.report },
    el('div', { class: 'source-head' },
      el('span', { class: 'muted' }, `#${i + 1} `),
      el('strong', {}, s.outlet || s.title || s.doc), s.published ? ` · published ${s.published}` : '',
      s.original ? el('span', { class: 'muted' }, ` · syndicated copy of ${s.original}`) : ''),
    s.title && s.outlet ? el('div', { class: 'muted' }, s.title) : null,
    el('blockquote', { class: 'sentence' }, highlighted(s.sentence, spans)),
    el('div', { class: 'source-foot' },
      'Date here: ', derivation(s.date), el('br'),
      `coded by ${s.rule}, confidence ${s.confidence.toFixed(2)} · `,
      link(hashFor(['doc', s.doc], { report: s.report }), 'Open in the article →'), ' ',
      outsideLink(s.url, 'original page')));
}

function disagreements(list) {
  if (!list || !list.length) return null;
  return el('section', { class: 'panel' }, el('h2', {}, 'Where sources disagree'),
    el('ul', {}, list.map((d) => el('li', {}, el('strong', {}, d.field), `: kept ${d.kept ?? '—'}; given: `,
      (d.values || []).map((v, i) => [i ? '; ' : '', `${v.value} (${(v.docs || []).length} document(s))`])))));
}

export async function renderEvent(main, id) {
  setContent(main, el('p', { class: 'muted' }, 'Loading…'));
  let ev;
  try {
    ev = await getJSON(apiPath('/api/events/', id));
  } catch (error) {
    setContent(main, errorBox(error));
    return;
  }
  const quantities = ev.quantities.map((q) => `${q.approx ? '~' : ''}${q.value}${q.unit ? ' ' + q.unit : ''}${q.item ? ' ' + q.item : ''}`).join(', ');
  setContent(main, 
    el('p', {}, link('#/', '← timeline')),
    el('section', { class: 'panel event', id: 'event', 'data-event': ev.id },
      el('h1', {}, categoryBadge(ev), ' ', partyLink(ev.actor), ' → ', partyLink(ev.recipient)),
      el('table', { class: 'facts' }, el('tbody', {},
        row('Quad class', QUAD_LABELS[ev.quad] || '—'),
        row('When', derivation(ev.date)),
        row('Where', ev.location ? [ev.location.name, ev.location.country_name].filter((x, i, all) => x && all.indexOf(x) === i).join(', ') : '—'),
        quantities ? row('Quantities', quantities) : null,
        row('Sources', `${ev.independent_sources} independent, ${ev.n_sources} report(s)`),
        row('Confidence', ev.confidence.toFixed(2)),
        row('Id', el('code', {}, ev.id))))),
    disagreements(ev.extra && ev.extra.disagreements),
    el('section', { class: 'panel' }, el('h2', {}, 'What the sources say'),
      el('p', { class: 'muted' }, 'The trigger is ', el('mark', { class: 'trigger' }, 'marked like this'),
        ', the time phrase ', el('mark', { class: 'time' }, 'like this'), '.'),
      el('ol', { class: 'sources' }, ev.sources.map(sourceCard))));
}
