// Internal notes of the open conversation: staff only, shown in the transcript marked
// "Internal note"; never sent to the customer (the server keeps them apart from messages).
import { app, state } from './app.js';
import { $ } from './dom.js';
import { renderTranscript } from './transcript.js';

async function load(conversationId) {
  try {
    const r = await app.request({ t: 'desk.notes', conversationId });
    if (state.selected !== conversationId) return;
    state.notes = r.notes;
    renderTranscript();
  } catch {
    state.notes = [];
  }
}

/** Wires the note form. */
export function setupNotes() {
  app.on('detail', (d) => {
    $('note-form').hidden = false;
    void load(d.item.conversationId);
  });
  $('note-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $('note-text').value.trim();
    if (!text || !state.selected) return;
    $('detail-error').textContent = '';
    try {
      const r = await app.request({ t: 'desk.note.add', conversationId: state.selected, text });
      state.notes = r.notes;
      $('note-text').value = '';
      renderTranscript();
    } catch (err) {
      $('detail-error').textContent = err.message;
    }
  });
  $('note-text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $('note-form').requestSubmit();
    }
  });
}
