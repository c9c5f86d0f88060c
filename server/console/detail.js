// The open conversation: its customer context, accept / close, the typing line, read marks and
// the live transcript. Other modules (notes, past conversations, transfer) listen for 'detail'.
import { app, mine, state } from './app.js';
import { $, ago, el } from './dom.js';
import { t } from './i18n.js';
import { handoffBlock, markProvenance } from './context-view.js';
import { setupExport } from './export.js';
import { contactRows } from './offline-view.js';
import { markSeen, renderQueue } from './queue-list.js';
import { renderTranscript } from './transcript.js';
import { setupTransfer } from './transfer.js';

function fieldRows(d) {
  const c = d.customer;
  const rows = [
    [t('ctx.segment'), c.segment],
    [t('ctx.channel'), d.item.channel || 'support'],
    [t('ctx.waiting'), ago(d.item.waitSeconds)],
    [t('ctx.email'), c.email || '—'],
    [t('ctx.phone'), c.phone || '—'],
    [t('ctx.userId'), c.id],
    [t('ctx.language'), d.item.locale],
  ];
  rows.push(...contactRows(el, d.item));
  for (const [k, v] of Object.entries(c.attributes)) rows.push([k, String(v)]);
  const labels = { pageTitle: t('ctx.pageTitle'), referrer: t('ctx.referrer') };
  for (const [k, v] of Object.entries(d.metadata)) if (!['url', 'pageUrl', 'page'].includes(k)) rows.push([labels[k] || k, v]);
  if (d.rating) rows.push([t('ctx.rating'), `${d.rating.score}/5${d.rating.comment ? ` — ${d.rating.comment}` : ''}`]);
  if (d.conversation.operator) rows.push([t('ctx.operator'), d.conversation.operator.name || d.conversation.operator.id]);
  return rows;
}

/** Draws the customer context and the state of the actions. */
export function renderContext() {
  const d = state.detail;
  const c = d.customer;
  $('ctx-name').textContent = c.name || t('ctx.anonymous');
  $('ctx-badges').replaceChildren(
    el('span', `badge ${c.verified ? 'badge-ok' : 'badge-warn'}`, c.verified ? t('ctx.verified') : t('ctx.notVerified')),
    el('span', 'badge', c.identified ? t('ctx.signedIn') : t('ctx.anon')),
    el('span', 'badge badge-brand', c.segment),
    el('span', 'badge', `${d.conversation.state} · ${d.conversation.handoff}`),
  );
  $('ctx-handoff').replaceChildren(handoffBlock(d));
  $('ctx-fields').replaceChildren(...fieldRows(d).flatMap(([k, v]) => [el('dt', '', k), el('dd', '', v)]));
  markProvenance($('ctx-fields'), $('ctx-name'), c);
  const otp = $('ctx-otp');
  otp.hidden = !d.item.pendingCode;
  otp.replaceChildren(...(d.item.pendingCode ? [t('ctx.otp'), el('strong', '', d.item.pendingCode)] : []));
  const waiting = d.conversation.handoff === 'queued' || d.conversation.handoff === 'offline';
  $('btn-accept').disabled = !waiting;
  const own = mine();
  for (const id of ['btn-close', 'composer-text', 'composer-send', 'composer-file']) $(id).disabled = !own;
  $('composer-text').placeholder = own ? t('composer.placeholder') : t('composer.locked');
  app.emit('context', d);
}

function markRead() {
  const it = state.detail?.item;
  if (it && document.visibilityState === 'visible' && markSeen(it.conversationId, it.lastCustomerSeq)) renderQueue();
  if (!mine() || document.visibilityState !== 'visible') return;
  if (it?.unread) {
    it.unread = 0;
    const listed = [...state.queue.active, ...state.queue.waiting].find((i) => i.conversationId === it.conversationId);
    if (listed) listed.unread = 0;
    renderQueue();
  }
  void app.request({ t: 'read', conversationId: state.selected }).catch(() => undefined);
}

async function select(conversationId) {
  const changed = state.selected !== conversationId;
  state.selected = conversationId;
  $('detail-error').textContent = '';
  renderQueue();
  try {
    const ack = await app.request({ t: 'view', conversationId });
    if (state.selected !== conversationId) return;
    const q = state.queue;
    state.detail = { ...ack.detail, listed: [...q.waiting, ...q.verifying, ...q.active].some((i) => i.conversationId === conversationId) };
    state.messages = new Map(ack.detail.messages.map((m) => [m.seq, m]));
    if (changed) state.notes = [];
    $('empty').hidden = true;
    $('detail').hidden = false;
    $('typing').textContent = '';
    renderContext();
    renderTranscript();
    markRead();
    app.emit('detail', state.detail, changed);
    // One column on a phone: the conversation is below the lists.
    if (changed && matchMedia('(max-width: 760px)').matches) $('detail').scrollIntoView({ block: 'start' });
  } catch (e) {
    $('detail-error').textContent = e.message;
  }
}

/** Fetches the open conversation again (after participant, conversation or handoff events). */
export async function refreshDetail() {
  if (!state.selected) return;
  try {
    const ack = await app.request({ t: 'view', conversationId: state.selected });
    state.detail = { ...ack.detail, listed: state.detail?.listed };
    for (const m of ack.detail.messages) state.messages.set(m.seq, m);
    renderContext();
  } catch {
    // Shown on the next action.
  }
}

function onEvent(f) {
  if (f.conversationId !== state.selected || !state.detail) return;
  const ev = f.event;
  if (ev.type === 'message' || ev.type === 'message.updated') {
    state.messages.set(ev.message.seq, ev.message);
    if (ev.message.from.role === 'user') {
      $('typing').textContent = '';
      state.detail.item.lastCustomerSeq = Math.max(state.detail.item.lastCustomerSeq ?? 0, ev.message.seq);
    }
    renderTranscript();
    markRead();
  } else if (ev.type === 'participant' || ev.type === 'conversation' || ev.type === 'handoff') {
    // Their lines come as durable system messages; refresh the context only.
    void refreshDetail();
  }
}

function onQueue(queue) {
  if (!state.selected || !state.detail) return;
  const item = [...queue.waiting, ...queue.verifying, ...queue.active].find((i) => i.conversationId === state.selected);
  const listed = state.detail.listed;
  state.detail.listed = Boolean(item);
  if (item) {
    const held = item.operator?.id ?? null;
    const before = state.detail.conversation.operator?.id ?? null;
    state.detail.item = item;
    if (held !== before)
      void refreshDetail(); // transferred or taken meanwhile
    else renderContext();
    return;
  }
  // It left the lists (closed, or back with the bot), or a rating may still come in.
  if (listed || (state.detail.conversation.state === 'closed' && !state.detail.rating)) void refreshDetail();
}

let typingTimer;
function onTyping(f) {
  if (f.conversationId !== state.selected || f.from.role !== 'user') return;
  clearTimeout(typingTimer);
  $('typing').textContent = f.on ? t('typing.customer') : '';
  if (f.on) typingTimer = setTimeout(() => ($('typing').textContent = ''), 6000);
}

/** Accepts the open conversation. */
export async function acceptSelected() {
  if (!state.selected || $('btn-accept').disabled) return;
  $('detail-error').textContent = '';
  try {
    const ack = await app.request({ t: 'accept', conversationId: state.selected });
    state.detail = ack.detail;
    renderContext();
    app.emit('detail', state.detail, false);
    $('composer-text').focus();
  } catch (e) {
    $('detail-error').textContent = e.code === 'already_taken' ? t('action.taken', { message: e.message }) : e.message;
  }
}

/** Wires the conversation view. */
export function setupDetail() {
  app.select = select;
  app.on('event', onEvent);
  app.on('typing', onTyping);
  app.on('queue', onQueue);
  $('btn-accept').addEventListener('click', () => void acceptSelected());
  $('btn-close').addEventListener('click', async () => {
    try {
      await app.request({ t: 'close', conversationId: state.selected });
    } catch (e) {
      $('detail-error').textContent = e.message;
    }
  });
  setupExport({
    button: $('btn-export'),
    format: $('export-format'),
    error: $('detail-error'),
    conversation: () => state.selected,
    token: () => state.uploadToken,
  });
  setupTransfer();
  document.addEventListener('visibilitychange', markRead);
}
