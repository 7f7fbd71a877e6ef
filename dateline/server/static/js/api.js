// The HTTP API, and the page's own address (#/view/id?filters).

export async function getJSON(path, params) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => url.searchParams.append(key, v));
    else url.searchParams.set(key, value);
  }
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  if (!response.ok) {
    const message = body && body.error ? body.error.message : `HTTP ${response.status}`;
    throw new Error(message);
  }
  return body;
}

export function apiPath(prefix, id) {
  return prefix + encodeURIComponent(id);
}

/** The filters a home view URL carries, as API parameters. */
export const FILTERS = ['q', 'party', 'party_id', 'category', 'quad', 'since', 'until', 'place', 'min_sources'];

export function parseHash() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const cut = hash.indexOf('?');
  const path = cut < 0 ? hash : hash.slice(0, cut);
  const params = new URLSearchParams(cut < 0 ? '' : hash.slice(cut + 1));
  const parts = path.split('/').filter(Boolean).map((p) => {
    try { return decodeURIComponent(p); } catch { return p; }
  });
  return { parts, params };
}

export function hashFor(parts, params) {
  const path = '#/' + parts.map((p) => encodeURIComponent(p)).join('/');
  const query = params ? new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString() : '';
  return query ? `${path}?${query}` : path;
}

export function filterParams(params) {
  const out = {};
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) out[key] = value;
  }
  return out;
}
