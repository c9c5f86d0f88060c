// Team canned replies: typing `/ref` in the composer lists the replies whose shortcut starts with
// "ref" (↑/↓ to choose, Enter or Tab to insert, Esc to close); `{name}` and `{operator}` are filled
// in. Supervisors edit them in a dialog; every change reaches every console (`desk.canned`).
import { app, state } from './app.js';
import { $, el } from './dom.js';
import { t } from './i18n.js';

let canned = [];
let matches = [];
let active = 0;

const text = () => $('composer-text');
const list = () => $('canned-list');

function query() {
  const m = /^\/([\p{L}\p{N}_-]*)$/u.exec(text().value);
  return m ? m[1].toLowerCase() : null;
}

function close() {
  list().hidden = true;
  text().setAttribute('aria-expanded', 'false');
  text().removeAttribute('aria-activedescendant');
}

function draw(q) {
  const ul = list();
  if (matches.length === 0) {
    ul.replaceChildren(el('li', 'canned-empty', canned.length ? t('canned.noMatch', { q }) : t('canned.none')));
  } else {
    ul.replaceChildren(
      ...matches.map((c, i) => {
        const li = el(
          'li',
          'canned-option',
          el('span', 'canned-shortcut', `/${c.shortcut}`),
          ' ',
          el('span', 'canned-title', c.title),
          el('span', 'canned-body', c.body),
        );
        li.id = `canned-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', String(i === active));
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          insert(c);
        });
        return li;
      }),
    );
  }
  ul.hidden = false;
  text().setAttribute('aria-expanded', 'true');
  if (matches.length) text().setAttribute('aria-activedescendant', `canned-${active}`);
  else text().removeAttribute('aria-activedescendant');
}

/** Fills the placeholders of a reply. */
export function fill(body) {
  const vars = { name: state.detail?.customer.name || '', operator: state.me?.name || '' };
  return body
    .replace(/\{(name|operator)\}/g, (_, k) => vars[k])
    .replace(/ {2,}/g, ' ')
    .replace(/ ([,.!?])/g, '$1');
}

function insert(c) {
  text().value = fill(c.body);
  close();
  text().focus();
  text().dispatchEvent(new Event('input'));
}

/** The composer's text changed: opens, filters or closes the list. */
export function cannedInput() {
  const q = query();
  if (q === null) return close();
  matches = canned.filter((c) => c.shortcut.startsWith(q));
  active = 0;
  draw(q);
}

/** A key in the composer; true when the list used it. */
export function cannedKey(e) {
  if (list().hidden) return false;
  if (e.key === 'Escape') close();
  else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    if (!matches.length) return false;
    active = (active + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
    draw(query() ?? '');
  } else if ((e.key === 'Enter' || e.key === 'Tab') && matches.length && !e.shiftKey) insert(matches[active]);
  else return false;
  e.preventDefault();
  return true;
}

// ------------------------------------------------------------------ the supervisors' editor

function edit(c) {
  $('canned-id').value = c?.id ?? '';
  $('canned-shortcut').value = c?.shortcut ?? '';
  $('canned-name').value = c?.title ?? '';
  $('canned-body').value = c?.body ?? '';
  $('canned-error').textContent = '';
  $('canned-shortcut').focus();
}

function drawAdmin() {
  const ul = $('canned-admin');
  if (!canned.length) return ul.replaceChildren(el('li', 'hint', t('canned.none')));
  ul.replaceChildren(
    ...canned.map((c) => {
      const change = el('button', '', t('canned.change'));
      change.type = 'button';
      change.setAttribute('aria-label', `${t('canned.change')} /${c.shortcut}`);
      change.addEventListener('click', () => edit(c));
      const del = el('button', '', t('canned.delete'));
      del.type = 'button';
      del.setAttribute('aria-label', `${t('canned.delete')} /${c.shortcut}`);
      del.addEventListener('click', () =>
        app.request({ t: 'desk.canned.delete', cannedId: c.id }).catch((e) => ($('canned-error').textContent = e.message)),
      );
      return el('li', '', el('span', 'canned-shortcut', `/${c.shortcut}`), ' ', el('span', '', c.title), ' ', change, ' ', del);
    }),
  );
}

function setList(next) {
  canned = next;
  drawAdmin();
  if (!list().hidden) cannedInput();
}

async function save(e) {
  e.preventDefault();
  const id = $('canned-id').value;
  try {
    const r = await app.request({
      t: 'desk.canned.save',
      ...(id ? { cannedId: id } : {}),
      shortcut: $('canned-shortcut').value,
      title: $('canned-name').value,
      body: $('canned-body').value,
    });
    setList(r.canned);
    edit(null);
  } catch (err) {
    $('canned-error').textContent = err.message;
  }
}

/** Wires canned replies. */
export function setupCanned() {
  app.on('welcome', async () => {
    $('btn-canned-edit').hidden = state.role !== 'supervisor';
    try {
      setList((await app.request({ t: 'desk.canned.list' })).canned);
    } catch {
      // listed again on the next connection
    }
  });
  app.on('frame', (f) => {
    if (f.t === 'desk.canned') setList(f.canned);
  });
  // Closed when the focus leaves the composer for good (a click on an option keeps it), open again
  // when it comes back with a "/shortcut" still in it.
  text().addEventListener('blur', () => setTimeout(() => document.activeElement !== text() && close(), 100));
  text().addEventListener('focus', () => list().hidden && query() !== null && cannedInput());
  $('btn-canned-edit').addEventListener('click', () => {
    drawAdmin();
    edit(null);
    $('canned-dialog').showModal();
  });
  $('canned-form').addEventListener('submit', save);
  $('canned-new').addEventListener('click', () => edit(null));
  $('canned-close').addEventListener('click', () => $('canned-dialog').close());
}
