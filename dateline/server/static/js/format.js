// Shared pieces of display: dates with their precision, categories, parties, highlights.
import { el, link } from './dom.js';
import { hashFor } from './api.js';

export const QUADS = ['verbal-cooperation', 'material-cooperation', 'verbal-conflict', 'material-conflict'];
export const QUAD_LABELS = {
  'verbal-cooperation': 'verbal cooperation',
  'material-cooperation': 'material cooperation',
  'verbal-conflict': 'verbal conflict',
  'material-conflict': 'material conflict',
};

export function quadClass(quad) {
  return QUADS.includes(quad) ? `q-${quad}` : 'q-other';
}

export function dateText(d) {
  if (!d) return 'date unknown';
  if (d.value) return d.value;
  if (d.start && d.end) return d.start === d.end ? d.start : `${d.start} – ${d.end}`;
  return 'date unknown';
}

export function categoryBadge(ev) {
  const label = ev.mode ? `${ev.type}/${ev.mode}` : ev.type;
  return el('span', { class: `badge ${quadClass(ev.quad)}`, title: QUAD_LABELS[ev.quad] || '' }, label);
}

export function partyLink(p) {
  if (!p) return el('span', { class: 'muted' }, '—');
  return link(hashFor(['actor', p.id]), p.name);
}

export function parties(ev) {
  return el('span', { class: 'parties' }, partyLink(ev.actor), ' → ', partyLink(ev.recipient));
}

export function number(n) {
  return new Intl.NumberFormat('en').format(n);
}

/**
 * Text with highlighted spans. `spans` are {start, end, cls, title?, event?} with offsets into
 * `text`; overlapping spans nest as classes on the same piece. Returns DOM nodes (text only).
 */
export function highlighted(text, spans, { onEvent } = {}) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    if (s.start >= 0 && s.end <= text.length && s.start < s.end) { cuts.add(s.start); cuts.add(s.end); }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(a, b);
    const active = spans.filter((s) => s.start <= a && s.end >= b && s.start < s.end);
    if (!active.length) { nodes.push(document.createTextNode(piece)); continue; }
    const classes = [...new Set(active.map((s) => s.cls))].join(' ');
    const titles = active.map((s) => s.title).filter(Boolean).join('\n');
    const event = active.find((s) => s.event);
    const node = el('mark', { class: classes, title: titles || null }, piece);
    if (event && onEvent) {
      node.setAttribute('tabindex', '0');
      node.setAttribute('role', 'link');
      node.addEventListener('click', () => onEvent(event.event));
      node.addEventListener('keydown', (e) => { if (e.key === 'Enter') onEvent(event.event); });
    }
    nodes.push(node);
  }
  return nodes;
}

export function errorBox(error) {
  return el('p', { class: 'error', role: 'alert' }, `Could not load: ${error.message || error}`);
}
