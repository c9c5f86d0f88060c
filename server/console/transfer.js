// Transfer of the open conversation to another online operator, or back to the queue: a select of
// the operators online on any server process (from `desk.online`) and a button.
import { app, state } from './app.js';
import { $, el } from './dom.js';
import { t } from './i18n.js';
import { online } from './online.js';

function draw() {
  const d = state.detail;
  const sel = $('transfer-to');
  const holder = d?.conversation.operator?.id;
  const canTransfer = Boolean(d && holder && d.conversation.state !== 'closed' && (holder === state.me?.id || state.role === 'supervisor'));
  const keep = sel.value;
  const others = online.operators.filter((o) => o.id !== holder);
  sel.replaceChildren(el('option', '', t('transfer.queue')), ...others.map((o) => el('option', '', o.name)));
  sel.options[0].value = '';
  others.forEach((o, i) => {
    sel.options[i + 1].value = o.id;
  });
  if ([...sel.options].some((o) => o.value === keep)) sel.value = keep;
  sel.disabled = !canTransfer;
  $('btn-transfer').disabled = !canTransfer;
}

async function transfer() {
  const to = $('transfer-to').value || null;
  $('detail-error').textContent = '';
  try {
    const r = await app.request({ t: 'desk.transfer', conversationId: state.selected, to });
    $('typing').textContent = r.to ? t('transfer.done', { name: r.to.name }) : t('transfer.doneQueue');
  } catch (e) {
    $('detail-error').textContent = e.message;
  }
}

/** Wires the transfer control. */
export function setupTransfer() {
  app.on('context', draw);
  app.on('online', draw);
  $('btn-transfer').addEventListener('click', () => void transfer());
}
