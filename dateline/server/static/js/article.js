// One article with what dateline read in it: names of actors (mentions), time phrases and the
// words that triggered events. Text is only ever inserted as text.
import { el, setContent, link, outsideLink } from './dom.js';
import { getJSON, apiPath, hashFor } from './api.js';
import { categoryBadge, errorBox, highlighted } from './format.js';

const LAYERS = [['mention', 'names'], ['time', 'time phrases'], ['trigger', 'event triggers']];

export async function renderArticle(main, id, focusReport) {
  setContent(main, el('p', { class: 'muted' }, 'Loading…'));
  let doc;
  try {
    doc = await getJSON(apiPath('/api/documents/', id));
  } catch (error) {
    setContent(main, errorBox(error));
    return;
  }
  const focus = doc.reports.find((r) => r.report === focusReport);
  const spans = [
    ...doc.mentions.map((m) => ({ start: m.start, end: m.end, cls: 'mention', title: `${m.label}: ${m.entity_name || m.text}` })),
    ...doc.times.map((t) => ({ start: t.start, end: t.end, cls: 'time', title: `time: ${t.value} (${t.type}, rule ${t.rule})` })),
    ...doc.reports.map((r) => ({ start: r.trigger_span.start, end: r.trigger_span.end, cls: 'trigger', event: r.event,
      title: `${r.type}: ${r.actor || '?'} → ${r.recipient || '?'}${r.date ? ' (' + r.date + ')' : ''} — click for the event` })),
  ];
  if (focus) spans.push({ start: focus.sentence_span.start, end: focus.sentence_span.end, cls: 'focus', title: 'the source sentence' });
  const openEvent = (eventId) => { location.hash = hashFor(['event', eventId]); };
  const body = el('div', { class: 'article-text', id: 'article-text' });
  const blocks = doc.blocks.length ? doc.blocks : [{ kind: 'body', start: 0, end: doc.text.length }];
  for (const b of blocks) {
    const inside = spans.filter((s) => s.start < b.end && s.end > b.start)
      .map((s) => ({ ...s, start: Math.max(s.start, b.start) - b.start, end: Math.min(s.end, b.end) - b.start }));
    const tag = b.kind === 'headline' ? 'h2' : 'p';
    body.append(el(tag, { class: `block ${b.kind}` }, highlighted(doc.text.slice(b.start, b.end), inside, { onEvent: openEvent })));
  }
  const toggles = el('div', { class: 'toggles' }, 'Show: ', LAYERS.map(([cls, label]) => {
    const box = el('input', { type: 'checkbox', checked: true, id: `show-${cls}`,
      on: { change: () => body.classList.toggle(`hide-${cls}`, !box.checked) } });
    return el('label', { class: `toggle ${cls}` }, box, ' ', el('mark', { class: cls }, label));
  }));
  const events = el('ol', { class: 'doc-events' }, doc.reports.map((r) => el('li', {},
    categoryBadge({ type: r.type, quad: r.quad, mode: null }), ' ',
    link(hashFor(['event', r.event]), `${r.actor || '?'} → ${r.recipient || '?'}`), r.date ? ` · ${r.date}` : '',
    ' · ', el('span', { class: 'muted' }, `“${r.trigger}”`))));
  setContent(main, 
    el('p', {}, link('#/docs', '← documents')),
    el('div', { class: 'columns article' },
      el('section', { class: 'panel', id: 'article' },
        el('h1', {}, doc.title || doc.id),
        el('p', { class: 'muted' }, [doc.outlet, doc.published ? `published ${doc.published} (${doc.published_source})` : 'publication date unknown', doc.id]
          .filter(Boolean).join(' · '), ' ', outsideLink(doc.url, 'original page')),
        toggles, body),
      el('aside', { class: 'panel' }, el('h2', {}, `Events in this article (${doc.reports.length})`), events)));
  const target = body.querySelector('mark.focus');
  if (target) target.scrollIntoView({ block: 'center' });
}
