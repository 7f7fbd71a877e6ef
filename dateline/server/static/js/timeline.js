// The zoomable timeline. Each event is drawn over its date interval: a day-precise event is a
// dot, an event known to the month (or over several days) a bar across that span, so precision
// shows. Lanes by quad class, category or actor. When more events are in view than can be drawn
// one by one, the server's counts per bucket are drawn instead; zooming in brings events back.
import { el, svg, clear } from './dom.js';
import { getJSON } from './api.js';
import { QUAD_LABELS, dateText, number, quadClass } from './format.js';

const DAY = 86400000;
const MAX_EVENTS = 800; // drawn one by one up to this many in view
const LEFT = 170, RIGHT = 16, AXIS = 28, ROW = 15, LANE_PAD = 10, MAX_ROWS = 10, BUCKET_H = 44;

export function parseDay(text) {
  const [y, m, d] = text.split('-').map(Number);
  return Date.UTC(y, (m || 1) - 1, d || 1);
}

export function isoDay(t) {
  return new Date(t).toISOString().slice(0, 10);
}

function laneKey(ev, by, lanes) {
  if (by === 'quad') return ev.quad || 'other';
  if (by === 'category') return ev.type;
  if (by === 'actor') {
    const name = ev.actor ? ev.actor.name : null;
    return name && lanes.includes(name) ? name : '(other)';
  }
  return 'all';
}

function ticks(t0, t1, width) {
  const span = (t1 - t0) / DAY;
  const out = [];
  const first = new Date(t0);
  if (span <= 45) {
    const step = span <= 10 ? 1 : span <= 25 ? 2 : 7;
    for (let t = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate()); t <= t1; t += step * DAY) {
      if (t >= t0) out.push([t, isoDay(t).slice(5)]);
    }
  } else if (span <= 900) {
    const every = span <= 240 ? 1 : span <= 500 ? 2 : 3;
    for (let y = first.getUTCFullYear(), m = first.getUTCMonth(); ; m++) {
      const t = Date.UTC(y, m, 1);
      if (t > t1) break;
      if (t >= t0 && new Date(t).getUTCMonth() % every === 0) out.push([t, isoDay(t).slice(0, 7)]);
    }
  } else {
    const every = Math.max(1, Math.ceil(span / 365 / Math.max(1, width / 90)));
    for (let y = first.getUTCFullYear(); ; y++) {
      const t = Date.UTC(y, 0, 1);
      if (t > t1) break;
      if (t >= t0 && y % every === 0) out.push([t, String(y)]);
    }
  }
  return out;
}

export class Timeline {
  constructor(host, { onOpen, onLanes }) {
    this.onOpen = onOpen;
    this.onLanes = onLanes;
    this.lanesBy = 'quad';
    this.status = el('span', { class: 'muted', id: 'timeline-status' });
    const button = (text, title, fn) => el('button', { type: 'button', title, on: { click: fn } }, text);
    this.laneSelect = el('select', { id: 'lanes', 'aria-label': 'Lanes', on: { change: () => {
      this.lanesBy = this.laneSelect.value; this.onLanes(this.lanesBy); this.fetch();
    } } },
    ['quad', 'category', 'actor', 'none'].map((v) => el('option', { value: v }, v === 'none' ? 'one lane' : `lanes by ${v}`)));
    this.toolbar = el('div', { class: 'toolbar' },
      this.laneSelect,
      button('−', 'Zoom out', () => this.zoom(1.6)),
      button('+', 'Zoom in', () => this.zoom(1 / 1.6)),
      button('Fit', 'Show the whole filtered range', () => this.reset()),
      el('span', { class: 'legend' },
        el('span', { class: 'dot q-verbal-cooperation' }), ' day ',
        el('span', { class: 'bar q-verbal-cooperation' }), ' month or span ',
        ...Object.entries(QUAD_LABELS).map(([k, v]) => el('span', { class: `swatch ${quadClass(k)}`, title: v }, v))),
      this.status);
    this.canvas = el('div', { class: 'timeline-canvas' });
    clear(host).append(this.toolbar, this.canvas);
    this.bindGestures();
    this.timer = null;
    this.seq = 0;
  }

  /** Show `filters` (API parameters) over `extent` ([first, last] ISO days). */
  async show(filters, extent, lanesBy) {
    this.filters = { ...filters };
    this.lanesBy = lanesBy || this.lanesBy;
    this.laneSelect.value = this.lanesBy;
    this.extent = extent;
    this.reset(false);
    await this.fetch();
  }

  reset(refetch = true) {
    const first = this.filters.since || (this.extent && this.extent[0]);
    const last = this.filters.until || (this.extent && this.extent[1]);
    let t0 = first ? parseDay(first) : Date.UTC(2020, 0, 1);
    let t1 = last ? parseDay(last) + DAY : t0 + 365 * DAY;
    if (this.filters.until && this.filters.until.length < 10) t1 = parseDay(boundEnd(this.filters.until)) + DAY;
    const pad = Math.max((t1 - t0) * 0.03, 2 * DAY);
    this.view = [t0 - pad, t1 + pad];
    if (refetch) { this.render(); this.fetch(); }
  }

  zoom(factor, at) {
    const [t0, t1] = this.view;
    const center = at === undefined ? (t0 + t1) / 2 : at;
    const span = Math.min(Math.max((t1 - t0) * factor, 3 * DAY), 200 * 365 * DAY);
    const left = (center - t0) / (t1 - t0);
    this.view = [center - span * left, center + span * (1 - left)];
    this.render();
    this.later();
  }

  pan(dt) {
    this.view = [this.view[0] + dt, this.view[1] + dt];
    this.render();
    this.later();
  }

  later() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fetch(), 250);
  }

  bindGestures() {
    const c = this.canvas;
    c.addEventListener('wheel', (e) => {
      e.preventDefault();
      const box = c.getBoundingClientRect();
      this.zoom(e.deltaY > 0 ? 1.25 : 0.8, this.timeAt(e.clientX - box.left));
    }, { passive: false });
    let drag = null;
    c.addEventListener('pointerdown', (e) => {
      if (e.target.closest('.ev')) return;
      drag = { x: e.clientX, view: this.view.slice(), moved: false };
    });
    window.addEventListener('pointermove', (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x;
      if (Math.abs(dx) > 2) drag.moved = true;
      const per = (drag.view[1] - drag.view[0]) / this.plotWidth();
      this.view = [drag.view[0] - dx * per, drag.view[1] - dx * per];
      this.render();
    });
    window.addEventListener('pointerup', () => { if (drag && drag.moved) this.later(); drag = null; });
    c.addEventListener('dblclick', (e) => {
      const box = c.getBoundingClientRect();
      this.zoom(0.5, this.timeAt(e.clientX - box.left));
    });
  }

  plotWidth() {
    return Math.max(200, (this.canvas.clientWidth || 900) - LEFT - RIGHT);
  }

  timeAt(px) {
    const [t0, t1] = this.view;
    return t0 + ((px - LEFT) / this.plotWidth()) * (t1 - t0);
  }

  x(t) {
    const [t0, t1] = this.view;
    return LEFT + ((t - t0) / (t1 - t0)) * this.plotWidth();
  }

  range() {
    // the view, clipped to the filter's own dates
    let since = isoDay(Math.max(this.view[0], -62135596800000));
    let until = isoDay(this.view[1]);
    if (this.filters.since && parseDay(this.filters.since) > parseDay(since)) since = this.filters.since;
    if (this.filters.until && parseDay(boundEnd(this.filters.until)) < parseDay(until)) until = boundEnd(this.filters.until);
    return { since, until };
  }

  async fetch() {
    const seq = ++this.seq;
    const { since, until } = this.range();
    if (parseDay(since) > parseDay(until)) { this.data = { mode: 'empty', lanes: [] }; this.render(); return; }
    const params = { ...this.filters, since, until };
    this.status.textContent = 'loading…';
    try {
      const tl = await getJSON('/api/timeline', { ...params, lanes: this.lanesBy });
      const dated = tl.total - tl.undated;
      let data = { mode: 'buckets', tl, lanes: tl.lanes.map((l) => l.key) };
      if (dated <= MAX_EVENTS) {
        const page = await getJSON('/api/events', { ...params, limit: MAX_EVENTS });
        data = { mode: 'events', tl, lanes: data.lanes, events: page.items };
      }
      if (seq !== this.seq) return; // a newer view was asked for meanwhile
      this.data = data;
      const shown = data.mode === 'events' ? 'each event drawn over its dates' : `counts per ${tl.interval} — zoom in or filter to see each event`;
      this.status.textContent = `${number(dated)} dated event(s) in view; ${shown}`;
      this.render();
    } catch (error) {
      if (seq === this.seq) this.status.textContent = `error: ${error.message}`;
    }
  }

  render() {
    const data = this.data;
    const width = this.plotWidth() + LEFT + RIGHT;
    const root = svg('svg', { class: 'timeline', width, height: 80, role: 'img', 'aria-label': 'Timeline of events' });
    const axis = svg('g', { class: 'axis' });
    for (const [t, label] of ticks(this.view[0], this.view[1], this.plotWidth())) {
      const x = this.x(t);
      axis.append(svg('line', { x1: x, x2: x, y1: AXIS - 6, y2: '100%', class: 'tick' }),
        svg('text', { x: x + 3, y: AXIS - 10, class: 'tick-label' }, label));
    }
    root.append(axis);
    let y = AXIS + 4;
    if (data && data.mode !== 'empty') {
      const lanes = data.lanes.length ? data.lanes : ['all'];
      lanes.forEach((lane, i) => {
        const g = svg('g', { class: 'lane', 'data-lane': lane });
        const h = data.mode === 'events' ? this.drawEvents(g, lane, y) : this.drawBuckets(g, lane, y);
        root.insertBefore(svg('rect', { x: 0, y, width, height: h, class: i % 2 ? 'stripe odd' : 'stripe' }), axis);
        g.append(svg('text', { x: 8, y: y + 14, class: 'lane-label' }, truncate(QUAD_LABELS[lane] || lane, 24)));
        root.append(g);
        y += h;
      });
      if (!lanes.length || (data.tl && data.tl.total === 0)) {
        root.append(svg('text', { x: LEFT, y: y + 20, class: 'muted' }, 'No dated event matches in this range.'));
        y += 30;
      }
    }
    root.setAttribute('height', Math.max(y + 8, 80));
    root.setAttribute('viewBox', `0 0 ${width} ${Math.max(y + 8, 80)}`);
    clear(this.canvas).append(root);
  }

  drawEvents(g, lane, top) {
    const evs = this.data.events
      .filter((e) => e.date.start && laneKey(e, this.lanesBy, this.data.lanes) === lane)
      .map((e) => ({ e, x1: this.x(parseDay(e.date.start)), x2: this.x(parseDay(e.date.end || e.date.start) + DAY) }))
      .sort((a, b) => a.x1 - b.x1 || a.x2 - b.x2);
    const rows = [];
    for (const item of evs) {
      const dot = item.x2 - item.x1 < 9;
      const left = dot ? (item.x1 + item.x2) / 2 - 6 : item.x1;
      const right = dot ? (item.x1 + item.x2) / 2 + 6 : item.x2;
      let row = rows.findIndex((end) => end + 2 <= left);
      if (row < 0) row = rows.length < MAX_ROWS ? rows.length : rows.indexOf(Math.min(...rows));
      rows[row] = Math.max(rows[row] || -Infinity, right);
      const cy = top + LANE_PAD + row * ROW + ROW / 2;
      const e = item.e;
      const tip = `${dateText(e.date)} (${e.date.granularity || 'unknown precision'})  ${e.type}${e.mode ? '/' + e.mode : ''}\n` +
        `${e.actor ? e.actor.name : '?'} → ${e.recipient ? e.recipient.name : '?'}` +
        `${e.location ? ' @ ' + e.location.name : ''}\n${e.independent_sources} source(s)${e.quote ? '\n“' + truncate(e.quote.sentence, 160) + '”' : ''}`;
      const open = () => this.onOpen(e.id);
      const attrs = { class: `ev ${quadClass(e.quad)}`, tabindex: 0, role: 'link', 'data-event': e.id, 'aria-label': tip,
        on: { click: open, keydown: (k) => { if (k.key === 'Enter') open(); } } };
      const mark = dot
        ? svg('circle', { ...attrs, cx: (item.x1 + item.x2) / 2, cy, r: 5, class: `${attrs.class} dot` })
        : svg('rect', { ...attrs, x: item.x1, y: cy - 5, width: Math.max(item.x2 - item.x1, 2), height: 10, rx: 4, class: `${attrs.class} span` });
      mark.append(svg('title', {}, tip));
      g.append(mark);
    }
    return LANE_PAD * 2 + Math.max(1, rows.length) * ROW;
  }

  drawBuckets(g, lane, top) {
    const buckets = this.data.tl.buckets;
    const max = Math.max(1, ...buckets.map((b) => b.counts[lane] || 0));
    for (const b of buckets) {
      const n = b.counts[lane] || 0;
      if (!n) continue;
      const x1 = this.x(parseDay(b.start)), x2 = this.x(parseDay(b.end) + DAY);
      const h = Math.max(2, (n / max) * (BUCKET_H - 8));
      const bar = svg('rect', { x: x1 + 0.5, y: top + BUCKET_H - 4 - h, width: Math.max(1, x2 - x1 - 1), height: h,
        class: `bucket ${this.lanesBy === 'quad' ? quadClass(lane) : 'q-other'}` });
      bar.append(svg('title', {}, `${b.label}: ${number(n)} event(s)`));
      g.append(bar);
    }
    return BUCKET_H;
  }
}

/** The last day of a YYYY / YYYY-MM / YYYY-MM-DD period. */
export function boundEnd(text) {
  if (text.length === 4) return `${text}-12-31`;
  if (text.length === 7) {
    const [y, m] = text.split('-').map(Number);
    return isoDay(Date.UTC(y, m, 1) - DAY);
  }
  return text;
}

function truncate(text, n) {
  return text.length > n ? text.slice(0, n - 1) + '…' : text;
}
