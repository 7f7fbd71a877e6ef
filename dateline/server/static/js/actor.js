// One actor: names, roles, activity over time (stacked by quad class), partners, latest events.
import { el, svg, setContent, link } from './dom.js';
import { getJSON, apiPath, hashFor } from './api.js';
import { QUADS, QUAD_LABELS, categoryBadge, dateText, errorBox, number, parties, quadClass } from './format.js';

function activity(buckets) {
  const width = 640, height = 120, pad = 24;
  const root = svg('svg', { class: 'activity', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'Events over time' });
  if (!buckets.length) return root;
  const max = Math.max(...buckets.map((b) => b.total));
  const w = (width - pad) / buckets.length;
  buckets.forEach((b, i) => {
    let y = height - pad;
    for (const q of [...QUADS, 'other']) {
      const n = b.counts[q] || 0;
      if (!n) continue;
      const h = (n / max) * (height - pad - 8);
      y -= h;
      const r = svg('rect', { x: pad + i * w + 1, y, width: Math.max(1, w - 2), height: h, class: `bucket ${quadClass(q)}` });
      r.append(svg('title', {}, `${b.label}: ${n} ${QUAD_LABELS[q] || q}`));
      root.append(r);
    }
    if (buckets.length <= 16 || i % Math.ceil(buckets.length / 8) === 0) {
      root.append(svg('text', { x: pad + i * w + 2, y: height - 8, class: 'tick-label' }, b.label));
    }
  });
  return root;
}

export async function renderActor(main, id) {
  setContent(main, el('p', { class: 'muted' }, 'Loading…'));
  let a;
  try {
    a = await getJSON(apiPath('/api/actors/', id));
  } catch (error) {
    setContent(main, errorBox(error));
    return;
  }
  const roles = a.roles.map((r) => el('li', {}, r.title,
    el('span', { class: 'muted' }, [r.organisation, r.country, r.start && (r.start === r.end ? r.start : `${r.start} – ${r.end || 'now'}`),
      r.documents ? `${r.documents} document(s)` : null, r.mentions ? `${r.mentions} mention(s)` : null].filter(Boolean).map((x) => ` · ${x}`).join(''))));
  setContent(main, 
    el('p', {}, link('#/', '← timeline')),
    el('section', { class: 'panel', id: 'actor' },
      el('h1', {}, a.name, ' ', el('span', { class: 'muted' }, [a.kind, a.country_name].filter(Boolean).join(', '))),
      el('p', {}, `${number(a.events)} event(s): ${number(a.as_actor)} as actor, ${number(a.as_recipient)} as recipient`,
        a.first ? `, ${a.first} to ${a.last}` : '', '. ',
        link(hashFor([], { party_id: a.id, party_label: a.name }), 'Show on the timeline →')),
      a.aliases.length ? el('p', {}, 'Also called: ', a.aliases.join(', ')) : null,
      roles.length ? [el('h2', {}, 'Roles'), el('ul', { class: 'roles' }, roles)] : null,
      el('h2', {}, `Events per ${a.interval}`), activity(a.over_time)),
    el('div', { class: 'columns' },
      el('section', { class: 'panel' }, el('h2', {}, 'Deals most with'),
        el('ol', {}, a.partners.map((p) => el('li', {}, link(hashFor(['actor', p.id]), p.name), ` (${p.events})`)))),
      el('section', { class: 'panel' }, el('h2', {}, 'Latest events'),
        el('ul', { class: 'plain' }, a.recent.map((ev) => el('li', {},
          el('span', { class: 'nowrap' }, link(hashFor(['event', ev.id]), dateText(ev.date))), ' ',
          categoryBadge(ev), ' ', parties(ev)))))));
}
