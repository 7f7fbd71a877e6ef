// Who deals with whom: actors as nodes (area ~ events), actor -> recipient edges (width ~ events,
// colour = the quad class most of them fall in). A force layout, computed once per graph and
// deterministic (same graph, same picture). Clicking an actor selects it.
import { svg, clear } from './dom.js';
import { QUADS, QUAD_LABELS, quadClass } from './format.js';

function layout(nodes, edges, width, height, radii) {
  const n = nodes.length;
  const pos = nodes.map((_, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, n);
    const radius = 0.35 * Math.min(width, height) * (0.5 + 0.5 * ((i * 7919) % 13) / 13);
    return { x: width / 2 + radius * Math.cos(angle), y: height / 2 + radius * Math.sin(angle) };
  });
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target), e.weight]).filter(([a, b]) => a !== undefined && b !== undefined);
  const k = Math.sqrt((width * height) / Math.max(1, n)) * 0.6;
  let temperature = width / 8;
  for (let step = 0; step < 300; step++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const d = Math.max(0.01, Math.hypot(dx, dy));
        const force = (k * k) / d;
        dx /= d; dy /= d;
        disp[i].x += dx * force; disp[i].y += dy * force;
        disp[j].x -= dx * force; disp[j].y -= dy * force;
      }
    }
    for (const [a, b, w] of links) {
      let dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
      const d = Math.max(0.01, Math.hypot(dx, dy));
      const force = ((d * d) / k) * (0.5 + Math.min(1.5, Math.log1p(w) / 3));
      dx /= d; dy /= d;
      disp[a].x -= dx * force; disp[a].y -= dy * force;
      disp[b].x += dx * force; disp[b].y += dy * force;
    }
    for (let i = 0; i < n; i++) {
      disp[i].x += (width / 2 - pos[i].x) * 0.25;  // gravity keeps loose actors in the picture
      disp[i].y += (height / 2 - pos[i].y) * 0.25;
      const d = Math.max(0.01, Math.hypot(disp[i].x, disp[i].y));
      pos[i].x += (disp[i].x / d) * Math.min(d, temperature);
      pos[i].y += (disp[i].y / d) * Math.min(d, temperature);
      pos[i].x = Math.min(width - 60, Math.max(30, pos[i].x));
      pos[i].y = Math.min(height - 20, Math.max(20, pos[i].y));
    }
    temperature *= 0.985;
    for (let i = 0; i < n; i++) {  // no two discs (and their labels' start) overlap
      for (let j = i + 1; j < n; j++) {
        const dx = pos[j].x - pos[i].x, dy = pos[j].y - pos[i].y;
        const d = Math.max(0.01, Math.hypot(dx, dy));
        const need = radii[i] + radii[j] + 18;
        if (d < need) {
          const push = (need - d) / 2;
          pos[i].x -= (dx / d) * push; pos[i].y -= (dy / d) * push;
          pos[j].x += (dx / d) * push; pos[j].y += (dy / d) * push;
        }
      }
    }
  }
  return pos;
}

function dominant(counts) {
  let best = null;
  for (const q of QUADS) if ((counts[q] || 0) > ((best && counts[best]) || 0)) best = q;
  return best;
}

export function drawNetwork(host, graph, { onSelect, selected }) {
  const width = Math.max(320, host.clientWidth || 600);
  const height = Math.max(320, Math.min(560, width * 0.75));
  const root = svg('svg', { class: 'network', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': 'Network of actors' });
  const defs = svg('defs');
  for (const q of [...QUADS, 'other']) {
    defs.append(svg('marker', { id: `arrow-${q}`, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto' },
      svg('path', { d: 'M0,0 L10,5 L0,10 z', class: `arrow ${quadClass(q)}` })));
  }
  root.append(defs);
  const nodes = graph.nodes;
  if (!nodes.length) {
    root.append(svg('text', { x: 20, y: 30, class: 'muted' }, 'No actor matches.'));
    clear(host).append(root);
    return;
  }
  const maxEvents = Math.max(...nodes.map((d) => d.events));
  const radius = (d) => 4 + 14 * Math.sqrt(d.events / maxEvents);
  const pos = layout(nodes, graph.edges, width, height, nodes.map(radius));
  const at = new Map(nodes.map((d, i) => [d.id, pos[i]]));
  const rOf = new Map(nodes.map((d) => [d.id, radius(d)]));
  const maxWeight = Math.max(1, ...graph.edges.map((e) => e.weight));
  const edgeLayer = svg('g', { class: 'edges' });
  for (const e of graph.edges) {
    const a = at.get(e.source), b = at.get(e.target);
    if (!a || !b) continue;
    const quad = dominant(e.counts) || 'other';
    const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(1, Math.hypot(dx, dy));
    const ra = rOf.get(e.source), rb = rOf.get(e.target) + 2;
    // bend each direction a little, so A -> B and B -> A do not overlap
    const mx = (a.x + b.x) / 2 - (dy / d) * 12, my = (a.y + b.y) / 2 + (dx / d) * 12;
    const line = svg('path', {
      d: `M${a.x + (dx / d) * ra},${a.y + (dy / d) * ra} Q${mx},${my} ${b.x - (dx / d) * rb},${b.y - (dy / d) * rb}`,
      class: `edge ${quadClass(quad)}`, 'stroke-width': 1 + 5 * (e.weight / maxWeight), fill: 'none',
      'marker-end': `url(#arrow-${quad})`,
    });
    const parts = Object.entries(e.counts).map(([q, c]) => `${QUAD_LABELS[q] || q}: ${c}`).join(', ');
    line.append(svg('title', {}, `${nameOf(nodes, e.source)} → ${nameOf(nodes, e.target)}: ${e.weight} event(s) (${parts})`));
    edgeLayer.append(line);
  }
  root.append(edgeLayer);
  const nodeLayer = svg('g', { class: 'nodes' });
  nodes.forEach((d, i) => {
    const p = pos[i];
    const pick = () => onSelect(d);
    const g = svg('g', { class: `node${selected === d.id ? ' selected' : ''}`, transform: `translate(${p.x},${p.y})`,
      tabindex: 0, role: 'button', 'data-actor': d.id, 'aria-label': `${d.name}: ${d.events} event(s)`,
      on: { click: pick, keydown: (k) => { if (k.key === 'Enter') pick(); } } });
    g.append(svg('circle', { r: radius(d), class: `kind-${d.kind || 'unknown'}` }),
      p.x > width * 0.7
        ? svg('text', { x: -radius(d) - 3, y: 4, class: 'node-label', 'text-anchor': 'end' }, d.name)
        : svg('text', { x: radius(d) + 3, y: 4, class: 'node-label' }, d.name),
      svg('title', {}, `${d.name}${d.country ? ' (' + d.country + ')' : ''}: ${d.events} event(s) — click to filter`));
    nodeLayer.append(g);
  });
  root.append(nodeLayer);
  clear(host).append(root);
}

function nameOf(nodes, id) {
  const n = nodes.find((d) => d.id === id);
  return n ? n.name : id;
}
