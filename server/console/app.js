// The console's shared state and a small event bus between its modules. console.js owns the
// connection and sets `app.request` / `app.sendRaw`; each feature module listens here:
//   'welcome' (operator), 'queue' (snapshot), 'event' (an event frame), 'detail' (a conversation
//   was opened or refreshed), 'frame' (any other server frame, e.g. desk.canned).

/** Shared state. */
export const state = {
  me: null,
  role: 'operator',
  uploadToken: '',
  queue: { waiting: [], verifying: [], active: [], operatorsOnline: 0 },
  selected: null,
  detail: null,
  messages: new Map(),
  notes: [],
};

const listeners = new Map();

export const app = {
  /** Sends a request frame; resolves with its answer (ack, desk.result…), rejects on nack. Set by console.js. */
  request: (_frame) => Promise.reject(new Error('not connected')),
  /** Sends a frame without an answer (typing). Set by console.js. */
  sendRaw: (_frame) => undefined,
  /** Opens a conversation (set by detail.js). */
  select: (_conversationId) => Promise.resolve(),
  on(name, fn) {
    if (!listeners.has(name)) listeners.set(name, new Set());
    listeners.get(name).add(fn);
  },
  emit(name, ...args) {
    for (const fn of listeners.get(name) ?? []) fn(...args);
  },
};

/** True when the signed-in operator holds the open conversation. */
export function mine() {
  const c = state.detail?.conversation;
  return Boolean(c?.operator && state.me && c.operator.id === state.me.id && c.state !== 'closed');
}
