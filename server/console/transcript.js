// The transcript of the open conversation: messages (bot and operator text in the safe rich-text
// subset, the customer's exactly as typed) and, among them by time, the staff's internal notes,
// marked "Internal note" (they are never sent to the customer).
import { state } from './app.js';
import { $, el, safeUrl } from './dom.js';
import { t } from './i18n.js';
import { systemLine } from './context-view.js';
import { renderRich } from './rich-text.js';

function attachment(li, a) {
  const href = safeUrl(a.url || '');
  const link = el('a', '', `📎 ${a.name} (${Math.ceil(a.size / 1024)} KB)`);
  if (href) {
    link.href = href;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
  }
  li.append(el('div', '', link));
  if (href && /^image\/(png|jpeg|gif|webp)$/.test(a.mimeType)) {
    const img = el('img', '');
    img.src = href;
    img.alt = a.name;
    li.append(img);
  }
}

/** One message as a list item. */
export function renderMessage(m) {
  const role = m.from.role;
  if (role === 'system') return systemLine(m);
  const li = el('li', `msg msg-${role === 'user' ? 'user' : role === 'bot' ? 'bot' : 'agent'}`);
  const who = role === 'user' ? t('msg.customer') : role === 'bot' ? t('msg.bot') : m.from.name || t('msg.operator');
  // The name isolated: an Arabic or Hebrew name does not reorder the time after it.
  li.append(el('div', 'msg-meta', el('bdi', '', who), ` · ${new Date(m.createdAt).toLocaleTimeString()}`));
  for (const p of m.parts) {
    if (p.kind === 'text') {
      const text = el('div', 'msg-text', renderRich(p.text, role === 'bot' || role === 'agent'));
      text.dir = 'auto';
      li.append(text);
    } else if (p.kind === 'attachment') attachment(li, p.attachment);
    else if (p.kind === 'card') li.append(el('div', '', [p.title, p.subtitle, p.text].filter(Boolean).join(' — ')));
  }
  if (m.action) li.append(el('div', 'msg-chips', el('span', 'chip', t('msg.pressed', { label: m.action.label }))));
  if (m.quickReplies?.length) li.append(el('div', 'msg-chips', ...m.quickReplies.map((a) => el('span', 'chip', a.label))));
  return li;
}

/** An internal note as a list item. */
export function renderNote(n) {
  const li = el('li', 'msg msg-note');
  li.append(
    el(
      'div',
      'msg-meta',
      el('strong', 'note-mark', t('note.mark')),
      ' · ',
      el('bdi', '', n.author.name),
      ` · ${new Date(n.at).toLocaleTimeString()}`,
    ),
  );
  const text = el('div', 'msg-text', n.text);
  text.dir = 'auto';
  li.append(text);
  return li;
}

/** Draws a list of messages (and notes) into `list`, oldest first. */
export function drawTranscript(list, messages, notes = []) {
  const rows = [
    ...messages.map((m) => ({ at: Date.parse(m.createdAt), seq: m.seq, node: () => renderMessage(m) })),
    ...notes.map((n) => ({ at: Date.parse(n.at), seq: Number.MAX_SAFE_INTEGER, node: () => renderNote(n) })),
  ].sort((a, b) => a.at - b.at || a.seq - b.seq);
  list.replaceChildren(...rows.map((r) => r.node()));
  list.scrollTop = list.scrollHeight;
}

/** Draws the open conversation. */
export function renderTranscript() {
  drawTranscript($('transcript'), [...state.messages.values()], state.notes);
}
