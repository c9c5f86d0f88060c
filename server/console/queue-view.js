// Operator console: the queue rows. Urgent conversations first and marked (a badge with the word
// "Urgent" and the reason, not colour alone); each row titled by the topic in words, else the
// customer's first words, with a preview of the customer's last message, an unread or "New" mark
// and the waiting time, so waiting customers are told apart. Untrusted text via textContent only.
import { t } from './i18n.js';

/** Creates an element; children are nodes or strings (strings become text nodes). */
export function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const c of children) if (c !== null && c !== undefined) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

const REASONS = ['fraud', 'stolen_money', 'suspicious_call', 'lost_card', 'stolen_card', 'security'];

/** The urgent reason in words. */
export function reasonText(reason) {
  if (!reason || reason === 'urgent') return '';
  return REASONS.includes(reason) ? t(`reason.${reason}`) : String(reason).replace(/[-_]+/g, ' ');
}

/** The "Urgent" badge (with the reason), or null for a normal conversation. */
export function urgentBadge(item) {
  if (item.priority !== 'urgent') return null;
  const reason = reasonText(item.priorityReason);
  return el('span', 'badge badge-urgent', reason ? `${t('row.urgent')} · ${reason}` : t('row.urgent'));
}

/** Urgent first; otherwise the server's order (oldest first). */
export function sortQueue(items) {
  return [...items].sort((a, b) => (b.priority === 'urgent') - (a.priority === 'urgent'));
}

/** A short tag that tells anonymous visitors apart ("#K3QZ", from the conversation id). */
export function visitorTag(it) {
  return `#${it.conversationId
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(-4)
    .toUpperCase()}`;
}

/** The customer's name, else "Visitor #K3QZ". */
export function customerLabel(it) {
  return it.customer.name || t('row.visitor', { tag: visitorTag(it) });
}

/** The mark of news: "2 unread" on a held row, "New" on a waiting row the operator has not looked at since. */
function newsMark(it, isNew) {
  if (it.unread > 0) return el('span', 'badge badge-unread', t('row.unread', { n: it.unread }));
  if (isNew) return el('span', 'badge badge-new', t('row.new'));
  return null;
}

/** The content of one row's button. */
export function queueRow(it, me, age, isNew) {
  const preview = it.preview?.text;
  return [
    el('span', 'item-top', el('span', 'item-topic', urgentBadge(it), it.title || t('row.noTopic')), newsMark(it, isNew), age),
    el('span', `item-preview${preview ? '' : ' item-preview-empty'}`, preview ? `“${preview}”` : t('row.noMessage')),
    it.note ? el('span', 'item-note', t('row.note', { note: it.note })) : null,
    el(
      'span',
      'item-meta',
      el('bdi', '', customerLabel(it)),
      el('span', '', `· ${it.segment}`),
      el('span', '', `· ${it.customer.verified ? t('row.verified') : t('row.notVerified')}`),
      it.handoff === 'offline' ? el('span', '', `· ${t('row.offline')}`) : null,
      it.operator && it.operator.id !== me?.id ? el('bdi', '', `· ${it.operator.name}`) : null,
      it.operator && it.operator.id === me?.id ? el('span', '', `· ${t('row.yours')}`) : null,
      it.pendingCode ? el('span', '', `· ${t('row.code', { code: it.pendingCode })}`) : null,
    ),
  ].filter(Boolean);
}
