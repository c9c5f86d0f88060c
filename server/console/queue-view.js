// Operator console: the queue rows. Urgent conversations first and marked (a badge with the word
// "Urgent" and the reason, not colour alone); each row titled by the topic in words, else the
// customer's first words, so waiting customers are told apart. Untrusted text via textContent only.

/** Creates an element; children are nodes or strings (strings become text nodes). */
export function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const c of children) if (c !== null && c !== undefined) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

const REASONS = {
  fraud: 'fraud',
  stolen_money: 'stolen money',
  suspicious_call: 'suspicious call',
  lost_card: 'lost or stolen card',
  stolen_card: 'lost or stolen card',
  security: 'security',
};

/** The urgent reason in words. */
export function reasonText(reason) {
  if (!reason || reason === 'urgent') return '';
  return REASONS[reason] || String(reason).replace(/[-_]+/g, ' ');
}

/** The "Urgent" badge (with the reason), or null for a normal conversation. */
export function urgentBadge(item) {
  if (item.priority !== 'urgent') return null;
  const reason = reasonText(item.priorityReason);
  return el('span', 'badge badge-urgent', reason ? `Urgent · ${reason}` : 'Urgent');
}

/** Urgent first; otherwise the server's order (oldest first). */
export function sortQueue(items) {
  return [...items].sort((a, b) => (b.priority === 'urgent') - (a.priority === 'urgent'));
}

/** The content of one row's button. */
export function queueRow(it, me, age) {
  const who = it.customer.name || 'Anonymous visitor';
  const title = it.title || 'No topic yet';
  return [
    el('span', 'item-top', el('span', 'item-topic', urgentBadge(it), title), age),
    it.note ? el('span', 'item-note', `Note: ${it.note}`) : null,
    el(
      'span',
      'item-meta',
      el('span', '', who),
      el('span', '', `· ${it.segment}`),
      el('span', '', it.customer.verified ? '· verified' : '· not verified'),
      it.handoff === 'offline' ? el('span', '', '· left for next shift') : null,
      it.operator && it.operator.id !== me?.id ? el('span', '', `· ${it.operator.name}`) : null,
      it.operator && it.operator.id === me?.id ? el('span', '', '· yours') : null,
      it.pendingCode ? el('span', '', `· code ${it.pendingCode}`) : null,
    ),
  ].filter(Boolean);
}
