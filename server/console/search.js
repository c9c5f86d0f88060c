// Search over conversations: full text over the messages the operator may see (the server
// decides: waiting ones and their own; supervisors all). Results show the conversation, a
// plain-text snippet with the words found marked, and the time.
import { app, state } from './app.js';
import { $, el } from './dom.js';
import { t } from './i18n.js';

let timer;
let asked = 0;

/** The snippet as text nodes, with each word starting with a search term in <mark>. */
export function marked(snippet, terms) {
  if (!terms.length) return [snippet];
  const esc = terms.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])((?:${esc.join('|')})[\\p{L}\\p{N}]*)`, 'giu');
  const out = [];
  let last = 0;
  for (const m of snippet.matchAll(re)) {
    out.push(snippet.slice(last, m.index), el('mark', '', m[0]));
    last = m.index + m[0].length;
  }
  out.push(snippet.slice(last));
  return out.filter((x) => x !== '');
}

function draw(results, q) {
  const terms = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  $('search-results').hidden = false;
  $('count-search').textContent = String(results.length);
  const ul = $('list-search');
  if (!results.length) return ul.replaceChildren(el('li', 'empty-list', t('search.none')));
  ul.replaceChildren(
    ...results.map((r) => {
      const btn = el(
        'button',
        'search-hit',
        el(
          'span',
          'item-top',
          el('span', 'item-topic', r.title || r.conversationId),
          el('span', 'hint item-age', new Date(r.at).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' })),
        ),
        el('span', 'item-preview', ...marked(r.snippet, terms)),
        el('span', 'item-meta', t(`search.role.${r.role}`)),
      );
      btn.type = 'button';
      btn.dataset.conversation = r.conversationId;
      btn.setAttribute('aria-current', String(r.conversationId === state.selected));
      btn.addEventListener('click', () => void app.select(r.conversationId));
      return el('li', '', btn);
    }),
  );
}

async function run() {
  const q = $('search-q').value.trim();
  if (!q) return clear();
  const n = ++asked;
  try {
    const r = await app.request({ t: 'desk.search', q });
    if (n === asked) draw(r.results, q);
  } catch (e) {
    if (n === asked) {
      $('search-results').hidden = false;
      $('list-search').replaceChildren(el('li', 'error', e.message));
    }
  }
}

/** Clears the search. */
export function clear() {
  asked++;
  $('search-q').value = '';
  $('search-results').hidden = true;
  $('list-search').replaceChildren();
}

/** Wires the search box. */
export function setupSearch() {
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    void run();
  });
  $('search-q').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 400);
  });
  $('search-clear').addEventListener('click', () => {
    clear();
    $('search-q').focus();
  });
}
