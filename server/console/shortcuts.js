// Keyboard shortcuts (never while typing in a field, except Esc, which leaves it): j / k or
// Alt+↓ / Alt+↑ move through the lists, a accepts, / searches, r replies, n writes a note, ? shows
// the help dialog. Dialogs are native <dialog>s (Esc closes them, focus returns).
import { app, state } from './app.js';
import { $, el } from './dom.js';
import { t } from './i18n.js';
import { acceptSelected } from './detail.js';
import { rowOrder } from './queue-list.js';
import { clear } from './search.js';

const KEYS = [
  ['j  /  Alt+↓', 'key.next'],
  ['k  /  Alt+↑', 'key.prev'],
  ['a', 'key.accept'],
  ['/', 'key.search'],
  ['r', 'key.reply'],
  ['n', 'key.note'],
  ['Esc', 'key.escape'],
  ['?', 'key.help'],
];

function typingIn(target) {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

function move(step) {
  const order = rowOrder().filter((id, i, all) => all.indexOf(id) === i);
  if (!order.length) return;
  const at = order.indexOf(state.selected);
  const next = order[at < 0 ? (step > 0 ? 0 : order.length - 1) : (at + step + order.length) % order.length];
  void app.select(next).then(() => document.querySelector(`.sidebar button[data-conversation="${CSS.escape(next)}"]`)?.focus());
}

function onKey(e) {
  if ($('app').hidden || document.querySelector('dialog[open]')) return;
  if (e.key === 'Escape') {
    if (typingIn(e.target) && e.target.id === 'search-q') clear();
    if (typingIn(e.target)) e.target.blur();
    return;
  }
  if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
    e.preventDefault();
    return move(e.key === 'ArrowDown' ? 1 : -1);
  }
  if (typingIn(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
  const actions = {
    j: () => move(1),
    k: () => move(-1),
    a: () => void acceptSelected(),
    '/': () => $('search-q').focus(),
    r: () => !$('composer-text').disabled && $('composer-text').focus(),
    n: () => !$('note-form').hidden && $('note-text').focus(),
    '?': () => $('help-dialog').showModal(),
  };
  const act = actions[e.key];
  if (!act) return;
  e.preventDefault();
  act();
}

/** Wires the shortcuts and the help dialog. */
export function setupShortcuts() {
  $('help-keys').replaceChildren(...KEYS.flatMap(([k, key]) => [el('dt', '', el('kbd', '', k)), el('dd', '', t(key))]));
  $('btn-help').addEventListener('click', () => $('help-dialog').showModal());
  for (const b of document.querySelectorAll('.dialog-close')) b.addEventListener('click', () => b.closest('dialog').close());
  document.addEventListener('keydown', onKey);
}
