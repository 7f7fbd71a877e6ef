// The router: #/ (timeline), #/event/ID, #/doc/ID?report=RP, #/actor/ID, #/docs.
import { el, setContent } from './dom.js';
import { getJSON, parseHash } from './api.js';
import { errorBox, number } from './format.js';
import { renderHome } from './home.js';
import { renderEvent } from './event.js';
import { renderArticle } from './article.js';
import { renderActor } from './actor.js';
import { renderDocs } from './docs.js';

let summary = null;
let routing = 0; // the latest route() call; an older one that finishes later does not say "ready"

async function route() {
  const mine = ++routing;
  const hash = location.hash;
  const main = document.getElementById('main');
  const { parts, params } = parseHash();
  try {
    if (!summary) {
      summary = await getJSON('/api/summary');
      document.getElementById('store-info').textContent =
        `${number(summary.events)} events · ${number(summary.documents)} documents` +
        (summary.first ? ` · ${summary.first} to ${summary.last}` : '');
    }
    const [view, id] = parts;
    document.body.dataset.view = view || 'home';
    if (view) window.scrollTo(0, 0);
    if (view === 'event' && id) await renderEvent(main, id);
    else if (view === 'doc' && id) await renderArticle(main, id, params.get('report'));
    else if (view === 'actor' && id) await renderActor(main, id);
    else if (view === 'docs') await renderDocs(main);
    else await renderHome(main, params, summary);
  } catch (error) {
    setContent(main, errorBox(error), el('p', {}, 'Is the database there? Try reloading.'));
  }
  if (mine !== routing) return;
  // "ready" names the hash it was drawn for: a hash changed since (its hashchange event not
  // handled yet) is not ready, whatever the flag from the page before says.
  document.body.dataset.route = hash;
  document.body.dataset.ready = 'true';
}

window.addEventListener('hashchange', () => { document.body.dataset.ready = 'false'; route(); });
route();
