// Operator console for the SWP/1 reference server. Plain ES module, no build step, works under a
// strict CSP (no inline script, no eval). Untrusted text is only ever set with textContent.
import { renderRich } from './rich-text.js';

import { setupExport } from './export.js';
import { setupGovernance } from './governance-view.js';
import { handoffBlock, systemLine } from './context-view.js';
import { queueRow, sortQueue } from './queue-view.js';
import { markProvenance } from './context-view.js';

import { contactRows, contactSummary } from './offline-view.js';
import { chosenAvatar, currentOperator, initLogin, sessionEnded, showLogin, showSignedIn } from './login.js';

const $ = (id) => document.getElementById(id);
const state = {
  ws: null,
  me: null,
  uploadToken: '',
  queue: { waiting: [], verifying: [], active: [], operatorsOnline: 0 },
  selected: null,
  detail: null,
  messages: new Map(),
  typing: null,
  pending: new Map(),
  n: 0,
  retry: 0,
  signedIn: false,
};

/** Creates an element; children are nodes or strings (strings become text nodes). */
function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const c of children) if (c !== null && c !== undefined) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

function safeUrl(url) {
  try {
    const u = new URL(url, location.href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function ago(seconds) {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
}

// ------------------------------------------------------------------ connection

// The socket signs in with the session cookie (login.js); the hello says only the photo to show.
function connect() {
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/swp/v1/operator/ws`);
  state.ws = ws;
  ws.addEventListener('open', () => {
    const avatarUrl = chosenAvatar();
    ws.send(JSON.stringify({ t: 'hello', id: 'hello', ...(avatarUrl ? { avatarUrl } : {}) }));
  });
  ws.addEventListener('message', (e) => onFrame(JSON.parse(e.data)));
  ws.addEventListener('close', (e) => {
    setStatus(false);
    for (const p of state.pending.values()) p.reject(new Error('connection lost'));
    state.pending.clear();
    if (ws !== state.ws) return; // one we already left (signed out, refused)
    state.ws = null;
    if (!state.signedIn) return;
    if (e.code === 4401) return signedOut(true);
    const delay = Math.min(30000, 1000 * 2 ** state.retry++) * (0.5 + Math.random() / 2);
    // Refused at the upgrade looks like a network error: ask whether the session still holds.
    setTimeout(async () => {
      if (!state.signedIn || state.ws) return;
      if (await currentOperator()) connect();
      else signedOut(true);
    }, delay);
  });
}

function signedIn() {
  state.signedIn = true;
  if (!state.ws) connect();
}

function signedOut(ended) {
  state.signedIn = false;
  const ws = state.ws;
  state.ws = null;
  if (ws) ws.close();
  if (ended) sessionEnded();
}

function request(frame) {
  const id = `c${++state.n}`;
  return new Promise((resolve, reject) => {
    state.pending.set(id, { resolve, reject });
    state.ws.send(JSON.stringify({ ...frame, id }));
  });
}

function onFrame(f) {
  switch (f.t) {
    case 'welcome':
      state.retry = 0;
      state.me = f.operator;
      state.uploadToken = f.uploadToken;
      showSignedIn();
      setStatus(true);
      setQueue(f.queue);
      if (state.selected) void select(state.selected);
      governance.connected();
      return;
    case 'queue':
      return setQueue(f.queue);
    case 'ack':
    case 'nack': {
      if (f.t === 'nack' && f.ref === 'hello') {
        // Refused sign-in (e.g. a photo URL that is not http/https): back to the form, no retry loop.
        const ws = state.ws;
        state.ws = null;
        state.signedIn = false;
        showLogin(f.error.message);
        ws?.close();
        return;
      }
      const p = state.pending.get(f.ref);
      if (!p) return;
      state.pending.delete(f.ref);
      if (f.t === 'ack') p.resolve(f);
      else p.reject(Object.assign(new Error(f.error.message), { code: f.error.code }));
      return;
    }
    case 'event':
      return onEvent(f);
    case 'typing':
      if (f.conversationId === state.selected && f.from.role === 'user') {
        clearTimeout(state.typingTimer);
        $('typing').textContent = f.on ? 'Customer is typing…' : '';
        if (f.on) state.typingTimer = setTimeout(() => ($('typing').textContent = ''), 6000);
      }
      return;
    case 'ping':
      state.ws.send(JSON.stringify({ t: 'pong', n: f.n }));
      return;
    case 'error':
      if (f.error.code === 'auth') signedOut(true);
      return;
  }
}

function setStatus(on) {
  const s = $('status');
  s.textContent = on ? `Online · ${state.queue.operatorsOnline} operator(s)` : 'Reconnecting…';
  s.className = `status ${on ? 'status-on' : 'status-off'}`;
}

// ------------------------------------------------------------------ queue lists

function setQueue(queue) {
  state.queue = queue;
  $('demo-banner').hidden = queue.demoCodes !== true;
  setStatus(state.ws && state.ws.readyState === WebSocket.OPEN);
  renderList('waiting', sortQueue(queue.waiting), 'Nobody is waiting.');
  renderList('verifying', queue.verifying, 'No pending verifications.');
  renderList('active', queue.active, 'No conversations in progress.');
  if (state.selected) {
    const item = [...queue.waiting, ...queue.verifying, ...queue.active].find((i) => i.conversationId === state.selected);
    if (item && state.detail) {
      state.detail.item = item;
      renderContext();
    } else if (state.detail?.conversation.state === 'closed' && !state.detail.rating) void refreshDetail(); // a rating may have come in
  }
}

const ageNodes = new Map();
function ageNode(it) {
  const span = el('span', 'hint', ago(it.waitSeconds));
  ageNodes.set(span, it);
  return span;
}

function renderList(name, items, emptyText) {
  const ul = $(`list-${name}`);
  $(`count-${name}`).textContent = String(items.length);
  ul.replaceChildren();
  if (items.length === 0) {
    ul.append(el('li', 'empty-list', emptyText));
    return;
  }
  for (const it of items) {
    const btn = el('button', '');
    btn.type = 'button';
    btn.setAttribute('aria-current', String(it.conversationId === state.selected));
    if (it.priority === 'urgent') btn.classList.add('urgent');
    btn.append(...queueRow(it, state.me, ageNode(it)));
    const contact = contactSummary(el, it);
    if (contact) btn.append(contact);
    btn.addEventListener('click', () => void select(it.conversationId));
    ul.append(el('li', '', btn));
  }
}

// ------------------------------------------------------------------ selected conversation

async function select(conversationId) {
  state.selected = conversationId;
  $('detail-error').textContent = '';
  setQueue(state.queue);
  try {
    const ack = await request({ t: 'view', conversationId });
    if (state.selected !== conversationId) return;
    state.detail = ack.detail;
    state.messages = new Map(ack.detail.messages.map((m) => [m.seq, m]));
    $('empty').hidden = true;
    $('detail').hidden = false;
    $('typing').textContent = '';
    renderContext();
    renderTranscript();
    markRead();
  } catch (e) {
    $('detail-error').textContent = e.message;
  }
}

function mine() {
  return (
    state.detail?.conversation.operator &&
    state.detail.conversation.operator.id === state.me.id &&
    state.detail.conversation.state !== 'closed'
  );
}

function renderContext() {
  const d = state.detail;
  const c = d.customer;
  $('ctx-name').textContent = c.name || 'Anonymous visitor';
  const badges = $('ctx-badges');
  badges.replaceChildren(
    el('span', `badge ${c.verified ? 'badge-ok' : 'badge-warn'}`, c.verified ? 'verified' : 'not verified'),
    el('span', 'badge', c.identified ? 'signed-in user' : 'anonymous'),
    el('span', 'badge badge-brand', c.segment),
    el('span', 'badge', `${d.conversation.state} · ${d.conversation.handoff}`),
  );
  $('ctx-handoff').replaceChildren(handoffBlock(d));
  const rows = [
    ['Segment', c.segment],
    ['Channel', d.item.channel || 'support'],
    ['Waiting', ago(d.item.waitSeconds)],
    ['Email', c.email || '—'],
    ['Phone', c.phone || '—'],
    ['User id', c.id],
    ['Language', d.item.locale],
  ];
  rows.push(...contactRows(el, d.item));
  for (const [k, v] of Object.entries(c.attributes)) rows.push([k, String(v)]);
  const labels = { pageTitle: 'Page title', referrer: 'Referrer' };
  for (const [k, v] of Object.entries(d.metadata)) if (!['url', 'pageUrl', 'page'].includes(k)) rows.push([labels[k] || k, v]);
  if (d.rating) rows.push(['Rating', `${d.rating.score}/5${d.rating.comment ? ` — ${d.rating.comment}` : ''}`]);
  if (d.conversation.operator) rows.push(['Operator', d.conversation.operator.name || d.conversation.operator.id]);
  $('ctx-fields').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', '', k), el('dd', '', v)]));
  markProvenance($('ctx-fields'), $('ctx-name'), c);
  const otp = $('ctx-otp');
  otp.hidden = !d.item.pendingCode;
  otp.replaceChildren(
    ...(d.item.pendingCode ? ['Demo SMS gateway: the code sent to the customer is ', el('strong', '', d.item.pendingCode)] : []),
  );
  const waiting = d.conversation.handoff === 'queued' || d.conversation.handoff === 'offline';
  $('btn-accept').disabled = !waiting;
  $('btn-close').disabled = !mine();
  $('composer-text').disabled = !mine();
  $('composer-send').disabled = !mine();
  $('composer-file').disabled = !mine();
  $('composer-text').placeholder = mine()
    ? 'Write a reply… (Enter to send, Shift+Enter for a new line)'
    : 'Accept the conversation to reply';
}

function renderMessage(m) {
  const role = m.from.role;
  if (role === 'system') return systemLine(m);
  const li = el('li', `msg msg-${role === 'user' ? 'user' : role === 'bot' ? 'bot' : 'agent'}`);
  const who = role === 'user' ? 'Customer' : role === 'bot' ? 'Bot' : m.from.name || 'Operator';
  // The name isolated: an Arabic or Hebrew name does not reorder the time after it.
  li.append(el('div', 'msg-meta', el('bdi', '', who), ` · ${new Date(m.createdAt).toLocaleTimeString()}`));
  for (const p of m.parts) {
    // Bot and operator text in the safe rich-text subset; the customer's exactly as typed.
    if (p.kind === 'text') {
      const text = el('div', 'msg-text', renderRich(p.text, role === 'bot' || role === 'agent'));
      text.dir = 'auto';
      li.append(text);
    } else if (p.kind === 'attachment') {
      const href = safeUrl(p.attachment.url || '');
      const link = el('a', '', `📎 ${p.attachment.name} (${Math.ceil(p.attachment.size / 1024)} KB)`);
      if (href) {
        link.href = href;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
      }
      li.append(el('div', '', link));
      if (href && /^image\/(png|jpeg|gif|webp)$/.test(p.attachment.mimeType)) {
        const img = el('img', '');
        img.src = href;
        img.alt = p.attachment.name;
        li.append(img);
      }
    } else if (p.kind === 'card') li.append(el('div', '', [p.title, p.subtitle, p.text].filter(Boolean).join(' — ')));
  }
  if (m.action) li.append(el('div', 'msg-chips', el('span', 'chip', `pressed: ${m.action.label}`)));
  if (m.quickReplies?.length) li.append(el('div', 'msg-chips', ...m.quickReplies.map((a) => el('span', 'chip', a.label))));
  return li;
}

function renderTranscript() {
  const list = $('transcript');
  const sorted = [...state.messages.values()].sort((a, b) => a.seq - b.seq);
  list.replaceChildren(...sorted.map(renderMessage));
  list.scrollTop = list.scrollHeight;
}

function onEvent(f) {
  if (f.conversationId !== state.selected || !state.detail) return;
  const ev = f.event;
  if (ev.type === 'message' || ev.type === 'message.updated') {
    state.messages.set(ev.message.seq, ev.message);
    renderTranscript();
    if (ev.message.from.role === 'user') $('typing').textContent = '';
    markRead();
  } else if (ev.type === 'participant' || ev.type === 'conversation') {
    // Their lines come as durable system messages; refresh the context only.
    void refreshDetail();
  } else if (ev.type === 'handoff') {
    const list = $('transcript');
    const text = `handoff: ${ev.state}${ev.reason ? ` (${ev.reason})` : ''}`;
    list.append(el('li', 'sys', text));
    list.scrollTop = list.scrollHeight;
    void refreshDetail();
  }
}

async function refreshDetail() {
  if (!state.selected) return;
  try {
    const ack = await request({ t: 'view', conversationId: state.selected });
    state.detail = ack.detail;
    for (const m of ack.detail.messages) state.messages.set(m.seq, m);
    renderContext();
  } catch {
    // Shown on the next action.
  }
}

function markRead() {
  if (mine() && document.visibilityState === 'visible') void request({ t: 'read', conversationId: state.selected }).catch(() => undefined);
}

// ------------------------------------------------------------------ actions

let typingOn = false;
let typingTimer;
function typing(on) {
  if (!mine() || typingOn === on) return;
  typingOn = on;
  state.ws.send(JSON.stringify({ t: 'typing', conversationId: state.selected, on }));
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
    await request({ t: 'send', conversationId: state.selected, ...(text ? { text } : {}), ...(attachments ? { attachments } : {}) });
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

$('btn-accept').addEventListener('click', async () => {
  $('detail-error').textContent = '';
  try {
    const ack = await request({ t: 'accept', conversationId: state.selected });
    state.detail = ack.detail;
    renderContext();
    $('composer-text').focus();
  } catch (e) {
    $('detail-error').textContent = e.code === 'already_taken' ? `Already taken: ${e.message}` : e.message;
  }
});

$('btn-close').addEventListener('click', async () => {
  try {
    await request({ t: 'close', conversationId: state.selected });
  } catch (e) {
    $('detail-error').textContent = e.message;
  }
});

const governance = setupGovernance(request);

setupExport({
  button: $('btn-export'),
  format: $('export-format'),
  error: $('detail-error'),
  conversation: () => state.selected,
  token: () => state.uploadToken,
});

$('composer').addEventListener('submit', (e) => {
  e.preventDefault();
  void send();
});
$('composer-text').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault();
    void send();
  }
});
$('composer-text').addEventListener('input', () => {
  typing(true);
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => typing(false), 3000);
});
$('composer-file').addEventListener('change', () => {
  const f = $('composer-file').files[0];
  $('composer-file-name').textContent = f ? f.name : '';
});
document.addEventListener('visibilitychange', markRead);
setInterval(() => {
  for (const [span, it] of ageNodes) {
    if (!span.isConnected) {
      ageNodes.delete(span);
      continue;
    }
    it.waitSeconds++;
    span.textContent = ago(it.waitSeconds);
  }
}, 1000);

void initLogin({ signedIn, signedOut: () => signedOut(false) });
