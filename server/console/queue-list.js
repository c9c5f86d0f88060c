// The console's lists (waiting, verifying, in progress): rows from the queue snapshots, kept live
// between snapshots from the event feed (a customer's message updates its row's preview, unread
// count and "New" mark), the waiting time ticking. A waiting row is "New" while the customer wrote
// after this console last looked at it (remembered in localStorage).
import { app, state } from './app.js';
import { $, ago, el, loadLocal, saveLocal } from './dom.js';
import { t } from './i18n.js';
import { contactSummary } from './offline-view.js';
import { queueRow, sortQueue } from './queue-view.js';

const SEEN_KEY = 'swp-desk-seen';
const seen = loadLocal(SEEN_KEY, {});
const ageNodes = new Map();
/** Rows already highlighted once (lists are redrawn on every change; the highlight is not repeated). */
const flashed = new Set();

/** Every listed conversation in screen order (for j/k). */
export function rowOrder() {
  return [...document.querySelectorAll('.sidebar .list button[data-conversation]')].map((b) => b.dataset.conversation);
}

/** Remembers that the operator has seen the customer's messages of a conversation up to `seq`; true when that is news. */
export function markSeen(conversationId, seq) {
  if (!seq || (seen[conversationId] ?? 0) >= seq) return false;
  seen[conversationId] = seq;
  const ids = new Set(allItems().map((i) => i.conversationId));
  for (const id of Object.keys(seen)) if (!ids.has(id) && id !== conversationId) delete seen[id];
  saveLocal(SEEN_KEY, seen);
  return true;
}

function allItems() {
  const q = state.queue;
  return [...q.waiting, ...q.verifying, ...q.active];
}

/** True when a waiting row has customer messages the operator has not looked at. */
export function isNew(it) {
  return !it.operator && (it.lastCustomerSeq ?? 0) > (seen[it.conversationId] ?? 0);
}

function ageNode(it) {
  const span = el('span', 'hint item-age', ago(it.waitSeconds));
  span.title = t('row.waited', { time: ago(it.waitSeconds) });
  ageNodes.set(span, it);
  return span;
}

function renderList(name, items, emptyKey) {
  const ul = $(`list-${name}`);
  $(`count-${name}`).textContent = String(items.length);
  ul.replaceChildren();
  if (items.length === 0) {
    ul.append(el('li', 'empty-list', t(emptyKey)));
    return;
  }
  for (const it of items) {
    const btn = el('button', '');
    btn.type = 'button';
    btn.dataset.conversation = it.conversationId;
    btn.setAttribute('aria-current', String(it.conversationId === state.selected));
    if (it.priority === 'urgent') btn.classList.add('urgent');
    if (isNew(it) || it.unread > 0) btn.classList.add('has-news');
    const news = `${it.conversationId}:${it.lastCustomerSeq ?? 0}`;
    if (btn.classList.contains('has-news') && !flashed.has(news)) {
      flashed.add(news);
      btn.classList.add('arrived');
    }
    btn.append(...queueRow(it, state.me, ageNode(it), isNew(it)));
    const contact = contactSummary(el, it);
    if (contact) btn.append(contact);
    btn.addEventListener('click', () => void app.select(it.conversationId));
    ul.append(el('li', '', btn));
  }
}

/** Draws the lists from `state.queue`. */
export function renderQueue() {
  const q = state.queue;
  $('demo-banner').hidden = q.demoCodes !== true;
  renderList('waiting', sortQueue(q.waiting), 'list.emptyWaiting');
  renderList('verifying', q.verifying, 'list.emptyVerifying');
  renderList('active', q.active, 'list.emptyActive');
  app.emit('lists', q);
}

/** A customer's message: its row's preview and marks change at once. */
function onEvent(f) {
  const m = f.event.type === 'message' ? f.event.message : null;
  if (m?.from.role !== 'user') return;
  const it = allItems().find((i) => i.conversationId === f.conversationId);
  if (!it) return;
  const text = m.parts
    .flatMap((p) => (p.kind === 'text' ? [p.text] : p.kind === 'attachment' ? [`📎 ${p.attachment.name}`] : []))
    .join(' ')
    .trim();
  if (text) it.preview = { text: text.length > 140 ? `${text.slice(0, 139)}…` : text, at: m.createdAt };
  it.lastCustomerSeq = Math.max(it.lastCustomerSeq ?? 0, m.seq);
  const looking = state.selected === it.conversationId && document.visibilityState === 'visible';
  if (looking) markSeen(it.conversationId, m.seq);
  else if (it.operator && it.operator.id === state.me?.id) it.unread = (it.unread ?? 0) + 1;
  renderQueue();
}

/** Wires the lists. */
export function setupQueue() {
  app.on('queue', () => renderQueue());
  app.on('event', onEvent);
  setInterval(() => {
    for (const [span, it] of ageNodes) {
      if (!span.isConnected) {
        ageNodes.delete(span);
        continue;
      }
      it.waitSeconds++;
      span.textContent = ago(it.waitSeconds);
    }
  }, 1000);
}
