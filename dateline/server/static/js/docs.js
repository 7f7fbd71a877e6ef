// Stored documents, and the inputs that could not be ingested.
import { el, setContent, link } from './dom.js';
import { getJSON, hashFor } from './api.js';
import { errorBox, number } from './format.js';

export async function renderDocs(main) {
  const body = el('tbody');
  const more = el('button', { type: 'button', hidden: true }, 'More documents');
  const rejected = el('tbody');
  setContent(main, 
    el('section', { class: 'panel', id: 'documents' }, el('h1', {}, 'Documents'),
      el('table', { class: 'docs' }, el('thead', {}, el('tr', {}, ['Published', 'Title', 'Outlet', 'Events', 'Id'].map((h) => el('th', {}, h)))), body), more),
    el('section', { class: 'panel', id: 'rejections' }, el('h2', {}, 'Not ingested'),
      el('table', {}, el('thead', {}, el('tr', {}, ['Reason', 'Input', 'Message'].map((h) => el('th', {}, h)))), rejected)));
  let cursor = null;
  const load = async () => {
    try {
      const page = await getJSON('/api/documents', { limit: 100, cursor });
      body.append(...page.items.map((d) => el('tr', {},
        el('td', { class: 'nowrap' }, d.published || '?'),
        el('td', {}, link(hashFor(['doc', d.id]), d.title || d.id)),
        el('td', {}, d.outlet || ''), el('td', { class: 'num' }, number(d.n_reports)), el('td', { class: 'muted' }, d.id))));
      cursor = page.next_cursor;
      more.hidden = !cursor;
    } catch (error) {
      main.append(errorBox(error));
    }
  };
  more.addEventListener('click', load);
  await load();
  try {
    const page = await getJSON('/api/rejections', { limit: 200 });
    rejected.append(...page.items.map((r) => el('tr', {}, el('td', {}, el('code', {}, r.reason)), el('td', {}, r.origin), el('td', {}, r.message))));
    if (!page.items.length) rejected.append(el('tr', {}, el('td', { colspan: 3, class: 'muted' }, 'None.')));
  } catch (error) {
    main.append(errorBox(error));
  }
}
