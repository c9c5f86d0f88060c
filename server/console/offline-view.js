// Operators offline (avail): how the console shows a contact a customer left for the next shift.
// Such conversations come first in the waiting list (the server orders them); these helpers draw
// the contact in the list item and in the customer context. Untrusted text only via textContent;
// links only mailto:/tel: with rel="noopener noreferrer".

import { t } from './i18n.js';

const WINDOWS = ['any', 'morning', 'afternoon', 'evening'];

/** "in the morning", "at about 18:30 (Europe/London)", or "" when no window was given. */
export function callbackText(contact) {
  const w = contact.callbackWindow;
  if (!w) return '';
  const text = WINDOWS.includes(w) ? t(`contact.window.${w}`) : t('contact.atAbout', { time: w });
  return contact.timeZone ? `${text} (${contact.timeZone})` : text;
}

/** One line for the waiting list: "✉ ann@example.com · ☎ +44… in the morning". */
export function contactSummary(el, it) {
  const c = it.contact;
  if (!c) return null;
  const bits = [];
  if (c.email) bits.push(`✉ ${c.email}`);
  if (c.phone) bits.push(`☎ ${c.phone}${c.callbackWindow ? `, ${t('contact.call', { when: callbackText(c) })}` : ''}`);
  const line = el('span', 'item-contact', el('strong', '', `${t('contact.left')} `), bits.join(' · '));
  return c.note ? el('span', 'item-contact-wrap', line, el('span', 'item-note', `“${c.note}”`)) : line;
}

function link(el, scheme, value) {
  const a = el('a', '', value);
  a.href = `${scheme}:${scheme === 'tel' ? value.replace(/[^\d+]/g, '') : value}`;
  a.rel = 'noopener noreferrer';
  return a;
}

/** Rows of the customer context: the contact (as mailto:/tel: links), when to call, the note. */
export function contactRows(el, item) {
  const c = item.contact;
  if (!c) return [];
  const rows = [];
  if (c.email) rows.push([t('contact.email'), link(el, 'mailto', c.email)]);
  if (c.phone) rows.push([t('contact.phone'), link(el, 'tel', c.phone)]);
  if (c.phone && c.callbackWindow) rows.push([t('contact.when'), callbackText(c)]);
  if (c.note) rows.push([t('contact.message'), c.note]);
  rows.push([t('contact.at'), new Date(c.at).toLocaleString()]);
  return rows;
}
