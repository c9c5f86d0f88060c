// Operator console for the SWP/1 reference server. Plain ES module, no build step, works under a
// strict CSP (no inline script, no eval). Untrusted text is only ever set with textContent.
// This module is the connection (sign-in, hello, requests); each feature of the shift lives in its
// own module and listens on the bus of app.js.
import { app, state } from './app.js';
import { $ } from './dom.js';
import { applyStrings, t } from './i18n.js';
import './strings-desk.js';
import './strings-context.js';
import { setupAlerts } from './alerts.js';
import { setupCanned } from './canned.js';
import { setupComposer } from './composer.js';
import { setupDetail } from './detail.js';
import { setupNotes } from './notes.js';
import { setupOnline } from './online.js';
import { setupPast } from './past.js';
import { setupQueue } from './queue-list.js';
import { setupSearch } from './search.js';
import { setupShortcuts } from './shortcuts.js';
import { setupGovernance } from './governance-view.js';
import { chosenAvatar, currentOperator, initLogin, sessionEnded, showLogin, showSignedIn } from './login.js';

const conn = { ws: null, pending: new Map(), n: 0, retry: 0, signedIn: false };

// ------------------------------------------------------------------ connection

// The socket signs in with the session cookie (login.js); the hello says only the photo to show.
function connect() {
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/swp/v1/operator/ws`);
  conn.ws = ws;
  ws.addEventListener('open', () => {
    const avatarUrl = chosenAvatar();
    ws.send(JSON.stringify({ t: 'hello', id: 'hello', ...(avatarUrl ? { avatarUrl } : {}) }));
  });
  ws.addEventListener('message', (e) => onFrame(JSON.parse(e.data)));
  ws.addEventListener('close', (e) => {
    setStatus(false);
    for (const p of conn.pending.values()) p.reject(new Error('connection lost'));
    conn.pending.clear();
    if (ws !== conn.ws) return; // one we already left (signed out, refused)
    conn.ws = null;
    if (!conn.signedIn) return;
    if (e.code === 4401) return signedOut(true);
    const delay = Math.min(30000, 1000 * 2 ** conn.retry++) * (0.5 + Math.random() / 2);
    // Refused at the upgrade looks like a network error: ask whether the session still holds.
    setTimeout(async () => {
      if (!conn.signedIn || conn.ws) return;
      if (await currentOperator()) connect();
      else signedOut(true);
    }, delay);
  });
}

function signedIn() {
  conn.signedIn = true;
  if (!conn.ws) connect();
}

function signedOut(ended) {
  conn.signedIn = false;
  const ws = conn.ws;
  conn.ws = null;
  if (ws) ws.close();
  for (const id of ['search-form', 'topbar-tools']) $(id).hidden = true;
  if (ended) sessionEnded();
}

app.request = (frame) => {
  const id = `c${++conn.n}`;
  return new Promise((resolve, reject) => {
    if (!conn.ws || conn.ws.readyState !== WebSocket.OPEN) return reject(new Error('not connected'));
    conn.pending.set(id, { resolve, reject });
    conn.ws.send(JSON.stringify({ ...frame, id }));
  });
};
app.sendRaw = (frame) => {
  if (conn.ws && conn.ws.readyState === WebSocket.OPEN) conn.ws.send(JSON.stringify(frame));
};

function onWelcome(f) {
  conn.retry = 0;
  state.me = f.operator;
  state.role = f.role ?? 'operator';
  state.uploadToken = f.uploadToken;
  showSignedIn();
  state.queue = f.queue;
  setStatus(true);
  app.emit('welcome', f.operator);
  app.emit('queue', f.queue);
  if (state.selected) void app.select(state.selected);
  governance.connected();
}

function onReply(f) {
  if (f.t === 'nack' && f.ref === 'hello') {
    // Refused sign-in (e.g. a photo URL that is not http/https): back to the form, no retry loop.
    const ws = conn.ws;
    conn.ws = null;
    conn.signedIn = false;
    showLogin(f.error.message);
    ws?.close();
    return;
  }
  const p = conn.pending.get(f.ref);
  if (!p) return;
  conn.pending.delete(f.ref);
  if (f.t === 'nack') p.reject(Object.assign(new Error(f.error.message), { code: f.error.code }));
  else p.resolve(f);
}

function onFrame(f) {
  if (f.t === 'welcome') return onWelcome(f);
  if (f.t === 'ack' || f.t === 'nack' || (typeof f.ref === 'string' && conn.pending.has(f.ref))) return onReply(f);
  switch (f.t) {
    case 'queue':
      state.queue = f.queue;
      setStatus(true);
      return app.emit('queue', f.queue);
    case 'ping':
      return app.sendRaw({ t: 'pong', n: f.n });
    case 'error':
      if (f.error.code === 'auth') signedOut(true);
      return;
    default:
      return app.emit(f.t === 'event' || f.t === 'typing' ? f.t : 'frame', f);
  }
}

function setStatus(on) {
  const s = $('status');
  const open = on && conn.ws && conn.ws.readyState === WebSocket.OPEN;
  s.textContent = open ? t('status.online', { n: state.queue.operatorsOnline }) : t('status.reconnecting');
  s.className = `status ${open ? 'status-on' : 'status-off'}`;
}

// ------------------------------------------------------------------ the shift's modules

applyStrings();
document.title = t('app.title');
setupQueue();
setupDetail();
setupComposer();
setupCanned();
setupNotes();
setupPast();
setupSearch();
setupOnline();
setupAlerts();
setupShortcuts();
app.on('welcome', () => {
  for (const id of ['search-form', 'topbar-tools']) $(id).hidden = false;
});

const governance = setupGovernance(app.request);
void initLogin({ signedIn, signedOut: () => signedOut(false) });
