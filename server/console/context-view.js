// Operator console: what the customer handed over, shown first in the conversation's context:
// urgency, the customer's note, the topic in words (or their first words), the summary of the bot
// conversation (choices and last questions), files and page. The same data the customer was
// shown before the handoff. Untrusted text via textContent only.
import { t } from './i18n.js';
import { el, urgentBadge } from './queue-view.js';

/** The "Handed over" block for a conversation detail. */
export function handoffBlock(detail) {
  const h = detail.handoff || { path: [], questions: [], attachments: [] };
  const item = detail.item;
  const box = el('section', 'handoff-ctx');
  box.setAttribute('aria-label', t('ctx.handedOver'));
  const badge = urgentBadge(item);
  if (badge) box.append(el('p', 'handoff-urgent', badge, ` ${t('ctx.ahead')}`));
  if (h.note) box.append(el('p', 'handoff-note', el('strong', '', `${t('ctx.customerNote')} `), h.note));
  const topic = h.topicLabel || (item.title ? t('ctx.titleNoTopic', { title: item.title }) : t('ctx.noTopic'));
  const rows = [[t('ctx.topic'), topic]];
  if (h.path?.length) rows.push([t('ctx.choices'), h.path.join(' › ')]);
  if (h.questions?.length) rows.push([t('ctx.questions'), h.questions.map((q) => `“${q}”`).join(' · ')]);
  if (h.attachments?.length) rows.push([t('ctx.files'), `${h.attachments.length}: ${h.attachments.map((a) => a.name).join(', ')}`]);
  if (h.pageUrl) rows.push([t('ctx.page'), h.pageUrl]);
  box.append(el('dl', 'handoff-fields', ...rows.flatMap(([k, v]) => [el('dt', '', k), el('dd', '', v)])));
  return box;
}

/** A system line of the transcript ("Anna joined the chat"), from a `system` message. */
export function systemLine(m) {
  const text = m.parts
    .filter((p) => p.kind === 'text')
    .map((p) => p.text)
    .join(' ');
  return el('li', 'sys', text);
}

/** Which customer field a row of the context shows, by its label (attributes by their own key). */
const fieldOfLabel = () => ({ [t('ctx.email')]: 'email', [t('ctx.phone')]: 'phone', [t('ctx.userId')]: 'id' });

/**
 * Marks what the identity signature proves and what the customer only typed or their page sent:
 * the signature covers `user.id` alone, so name, e-mail, phone and attributes are "provided by the
 * customer" (untrusted) unless `customer.verifiedFields` lists them. Call after the fields are drawn.
 */
export function markProvenance(fields, nameEl, customer) {
  const verified = new Set(customer.verifiedFields || []);
  const provided = () => el('span', 'badge badge-warn provided', t('ctx.provided'));
  const byLabel = fieldOfLabel();
  if (customer.name && !verified.has('name')) nameEl.append(' ', provided());
  const attributes = customer.attributes || {};
  for (const dt of fields.querySelectorAll('dt')) {
    const dd = dt.nextElementSibling;
    const label = dt.textContent;
    const field = byLabel[label] ?? (Object.hasOwn(attributes, label) ? 'attributes' : null);
    if (!field || !dd || dd.textContent === '—') continue;
    if (field === 'id') {
      if (verified.has('id')) dd.append(' ', el('span', 'badge badge-ok', t('ctx.bySignature')));
    } else if (!verified.has(field)) dd.append(' ', provided());
  }
}
