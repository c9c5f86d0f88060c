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
