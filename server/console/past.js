// The customer's other conversations (same signed-in user, or the same anonymous visitor) in the
// context panel; each opens read-only in a dialog.
import { app, state } from './app.js';
import { $, el } from './dom.js';
import { t } from './i18n.js';
import { drawTranscript } from './transcript.js';

async function open(conversationId, past) {
  try {
    const r = await app.request({ t: 'desk.past', conversationId, pastId: past.conversationId });
    $('past-dialog-title').textContent = `${t('past.read')}: ${past.title || new Date(past.createdAt).toLocaleString()}`;
    drawTranscript($('past-transcript'), r.messages);
    $('past-dialog').showModal();
  } catch (e) {
    $('detail-error').textContent = e.message;
  }
}

async function load(conversationId) {
  let list = [];
  try {
    list = (await app.request({ t: 'desk.history', conversationId })).conversations;
  } catch {
    // none shown
  }
  if (state.selected !== conversationId) return;
  $('past-count').textContent = String(list.length);
  $('past-list').replaceChildren(
    ...(list.length
      ? list.map((p) => {
          const btn = el('button', 'link-button', t('past.open'));
          btn.type = 'button';
          btn.setAttribute('aria-label', `${t('past.open')}: ${p.title || p.conversationId}`);
          btn.addEventListener('click', () => void open(conversationId, p));
          return el('li', '', el('span', '', `${new Date(p.createdAt).toLocaleDateString()} · ${p.title || '—'} · ${p.state} `), btn);
        })
      : [el('li', 'hint', t('past.none'))]),
  );
}

/** Wires the past conversations. */
export function setupPast() {
  app.on('detail', (d, changed) => {
    if (changed) void load(d.item.conversationId);
  });
}
