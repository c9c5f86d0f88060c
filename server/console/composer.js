// The reply composer: Enter sends, Shift+Enter is a new line, files are uploaded first, typing is
// signalled; `/` opens the team's canned replies (canned.js).
import { app, mine, state } from './app.js';
import { $ } from './dom.js';
import { cannedInput, cannedKey } from './canned.js';

let typingOn = false;
let typingTimer;

function typing(on) {
  if (!mine() || typingOn === on) return;
  typingOn = on;
  app.sendRaw({ t: 'typing', conversationId: state.selected, on });
}

async function uploadFile(file) {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch('/swp/v1/uploads', { method: 'POST', body: form, headers: { Authorization: `Bearer ${state.uploadToken}` } });
  const body = await res.json();
  if (!res.ok) throw new Error(body.message || `upload failed (${res.status})`);
  return body;
}

async function send() {
  const text = $('composer-text').value.trim();
  const file = $('composer-file').files[0];
  if (!text && !file) return;
  $('composer-send').disabled = true;
  $('detail-error').textContent = '';
  try {
    const attachments = file ? [{ id: (await uploadFile(file)).id }] : undefined;
    await app.request({ t: 'send', conversationId: state.selected, ...(text ? { text } : {}), ...(attachments ? { attachments } : {}) });
    $('composer-text').value = '';
    $('composer-file').value = '';
    $('composer-file-name').textContent = '';
    typingOn = false;
  } catch (e) {
    $('detail-error').textContent = e.message;
  } finally {
    $('composer-send').disabled = !mine();
    $('composer-text').focus();
  }
}

/** Wires the composer. */
export function setupComposer() {
  const text = $('composer-text');
  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    void send();
  });
  text.addEventListener('keydown', (e) => {
    if (cannedKey(e)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void send();
    }
  });
  text.addEventListener('input', () => {
    cannedInput();
    typing(true);
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => typing(false), 3000);
  });
  $('composer-file').addEventListener('change', () => {
    const f = $('composer-file').files[0];
    $('composer-file-name').textContent = f ? f.name : '';
  });
}
