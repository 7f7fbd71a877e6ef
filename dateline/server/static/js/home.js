// The home view: filters, the timeline, the actor network and the list of matching events.
// Filters live in the address (#/?party=...&category=...), so every view can be linked to.
import { el, clear, setContent, link } from './dom.js';
import { getJSON, hashFor, filterParams } from './api.js';
import { QUADS, QUAD_LABELS, categoryBadge, dateText, errorBox, number, parties } from './format.js';
import { Timeline } from './timeline.js';
import { drawNetwork } from './network.js';

function field(label, control) {
  return el('label', { class: 'field' }, el('span', {}, label), control);
}

function filterForm(params, summary, go) {
  const input = (name, attrs) => el('input', { name, value: params.get(name) || '', ...attrs });
  const q = input('q', { type: 'search', placeholder: 'words in a source sentence', size: 22, id: 'f-q' });
  const party = input('party', { type: 'search', placeholder: 'name or alias', size: 16, id: 'f-party', list: 'actor-names' });
  const names = el('datalist', { id: 'actor-names' });
  party.addEventListener('input', async () => {
    const text = party.value.trim();
    if (text.length < 2) return;
    try {
      const page = await getJSON('/api/actors', { q: text, limit: 12 });
      clear(names).append(...page.items.map((a) => el('option', { value: a.name })));
    } catch { /* suggestions are optional */ }
  });
  const category = el('select', { name: 'category', id: 'f-category' },
    el('option', { value: '' }, 'any category'),
    QUADS.map((quad) => el('optgroup', { label: QUAD_LABELS[quad] },
      summary.categories.filter((c) => c.quad === quad).map((c) =>
        el('option', { value: c.name, selected: params.get('category') === c.name }, `${c.name} (${number(c.count)})`)))));
  const quad = el('select', { name: 'quad', id: 'f-quad' }, el('option', { value: '' }, 'any quad class'),
    QUADS.map((v) => el('option', { value: v, selected: params.get('quad') === v }, QUAD_LABELS[v])));
  const since = input('since', { placeholder: 'YYYY[-MM[-DD]]', size: 11, id: 'f-since' });
  const until = input('until', { placeholder: 'YYYY[-MM[-DD]]', size: 11, id: 'f-until' });
  const chosen = params.get('party_id');
  const chip = chosen ? el('span', { class: 'chip' }, 'actor: ', link(hashFor(['actor', chosen]), params.get('party_label') || chosen),
    el('button', { type: 'button', title: 'Remove', 'aria-label': 'Remove actor filter', on: { click: () => {
      const next = Object.fromEntries(params); delete next.party_id; delete next.party_label; go(next);
    } } }, '×')) : null;
  const form = el('form', { class: 'filters', role: 'search', on: { submit: (e) => {
    e.preventDefault();
    const next = Object.fromEntries(new FormData(form).entries());
    for (const key of ['party_id', 'party_label', 'lanes', 'sort']) if (params.get(key)) next[key] = params.get(key);
    go(next);
  } } },
  field('Search', q), field('Actor', party), names, field('Category', category), field('Quad class', quad),
  field('From', since), field('To', until),
  el('button', { type: 'submit', id: 'apply' }, 'Apply'),
  el('button', { type: 'button', on: { click: () => go({}) } }, 'Reset'), chip);
  return form;
}

function eventRows(items) {
  return items.map((ev) => el('tr', { 'data-event': ev.id },
    el('td', { class: 'nowrap' }, dateText(ev.date)),
    el('td', {}, categoryBadge(ev)),
    el('td', {}, parties(ev)),
    el('td', { class: 'quote' }, link(hashFor(['event', ev.id]), ev.quote ? ev.quote.sentence : '(no quote)')),
    el('td', { class: 'num', title: 'independent sources' }, String(ev.independent_sources))));
}

export async function renderHome(main, params, summary) {
  const go = (next) => { location.hash = hashFor([], next); };
  const filters = filterParams(params);
  const sort = params.get('sort') || 'date';
  const timelineHost = el('section', { class: 'panel', id: 'timeline' });
  const networkHost = el('div', { class: 'network-host' });
  const listBody = el('tbody');
  const more = el('button', { type: 'button', id: 'more', hidden: true }, 'More events');
  const sortSelect = el('select', { id: 'sort', 'aria-label': 'Sort', on: { change: () => go({ ...Object.fromEntries(params), sort: sortSelect.value }) } },
    [['date', 'oldest first'], ['-date', 'latest first'], ['-sources', 'most sources'], ['-confidence', 'most confident']]
      .map(([v, label]) => el('option', { value: v, selected: v === sort }, label)));
  setContent(main, 
    filterForm(params, summary, go),
    timelineHost,
    el('div', { class: 'columns' },
      el('section', { class: 'panel', id: 'network' }, el('h2', {}, 'Who deals with whom'),
        el('p', { class: 'muted' }, 'Click an actor to filter by it; arrows go from actor to recipient.'), networkHost),
      el('section', { class: 'panel', id: 'events' }, el('h2', {}, 'Events ', sortSelect),
        el('div', { class: 'scroll' }, el('table', { class: 'events' }, el('thead', {}, el('tr', {},
          ['Date', 'Category', 'Actor → recipient', 'Source sentence', 'Src'].map((h) => el('th', {}, h)))), listBody), more))));

  const timeline = new Timeline(timelineHost, {
    onOpen: (id) => { location.hash = hashFor(['event', id]); },
    onLanes: (lanes) => { history.replaceState(null, '', hashFor([], { ...Object.fromEntries(params), lanes })); },
  });
  const drawn = timeline.show(filters, [summary.first, summary.last], params.get('lanes') || 'quad');

  const network = getJSON('/api/graph', { ...filters, limit: 30 }).then((graph) => drawNetwork(networkHost, graph, {
    selected: params.get('party_id'),
    onSelect: (node) => go({ ...Object.fromEntries(params), party_id: node.id, party_label: node.name }),
  })).catch((error) => clear(networkHost).append(errorBox(error)));

  let cursor = null;
  const load = async () => {
    more.disabled = true;
    try {
      const page = await getJSON('/api/events', { ...filters, sort, limit: 50, cursor });
      listBody.append(...eventRows(page.items));
      if (!listBody.children.length) listBody.append(el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No event matches.')));
      cursor = page.next_cursor;
      more.hidden = !cursor;
    } catch (error) {
      listBody.append(el('tr', {}, el('td', { colspan: 5 }, errorBox(error))));
    }
    more.disabled = false;
  };
  more.addEventListener('click', load);
  // the view is drawn (and the page says "ready") when all three panels are, not just the list
  await Promise.all([drawn, network, load()]);
}
