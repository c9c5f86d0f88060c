/**
 * `createMemoryTransport`: an in-page backend with no server, for tests, the demo page and QA.
 * It behaves like a real one (ids, seq, idempotent sends, history pages, resume) and runs a
 * scripted demo bot and a simulated operator; switches inject faults and events.
 * @module
 */
import { OptionError, TransportError } from '../core/errors';
import { createId } from '../core/ids';
import type { Action, Capabilities, Part, Participant } from '../core/model';
import type { ChatUser, IncomingMessage, OutgoingMessage, SendReceipt, SessionSnapshot } from '../core/transport';
import { createConnection } from './memory/connection';
import { append, createConversation, type Conversation, type DurableInput } from './memory/conversation';
import { createHandoff } from './memory/handoff';
import { createScheduler } from './memory/scheduler';
import { answer, greeting } from './memory/script';
import { en, ru, type BotText } from './memory/text';
import type { MemoryTransport, MemoryTransportOptions, SimulatedSendError } from './memory/types';
import { simulateUpload } from './memory/upload';
import { memoryCapabilities } from './memory/capabilities';

export type { MemoryTransport, MemoryTransportOptions, SimulatedSendError } from './memory/types';

const NAME = 'memory';

function delayOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new OptionError(name, `expected a number of milliseconds ≥ 0, got ${String(value)}`);
  }
  return value;
}

/**
 * Creates an in-page transport with a scripted demo bot and a simulated operator.
 * @example
 * const transport = createMemoryTransport({ replyDelayMs: 0 });
 * const chat = createChat({ transport, locale: 'en' });
 * transport.failNextSend(); // the next message is retried by the chat's outbox
 */
export function createMemoryTransport(options: MemoryTransportOptions = {}): MemoryTransport {
  const replyDelay = delayOption('replyDelayMs', options.replyDelayMs, 600);
  const queueStepMs = delayOption('queueStepMs', options.queueStepMs, 1500);
  let latency = delayOption('latencyMs', options.latencyMs, 0);
  const botOn = options.bot ?? true;
  const operatorsOnline = options.operatorsOnline ?? true;
  const verification = options.verification ?? true;
  const capabilities: Capabilities = memoryCapabilities(options);

  const net = createConnection();
  const timers = createScheduler();
  const sent: OutgoingMessage[] = [];
  let conv: Conversation = createConversation();
  let t: BotText = en;
  let user: ChatUser = {};
  let failNext: SimulatedSendError | null = null;
  let forcedOffline = false;
  let userTyping = false;
  let readUpTo = 0;

  const networkError = () => new TransportError(NAME, 'network', 'not connected (simulated)');
  const ensureOnline = () => {
    if (net.status !== 'online') throw networkError();
  };
  /** A server round trip: latency, and the connection must still be up. */
  const roundTrip = async () => {
    ensureOnline();
    await timers.wait(latency);
    ensureOnline();
  };

  const record = (input: DurableInput) => net.deliver(append(conv, input));
  const bot = (): Participant => ({ id: 'bot', role: 'bot', name: t.bot });
  const say = (from: Participant, parts: Part[], quickReplies?: Action[]) =>
    record({
      type: 'message',
      message: { id: createId(), from, parts, createdAt: new Date().toISOString(), ...(quickReplies ? { quickReplies } : {}) },
    });
  const reply = (from: Participant, parts: Part[], quickReplies?: Action[]) => {
    const c = conv;
    const epoch = c.epoch;
    net.deliver({ type: 'typing', from, on: true });
    timers.later(replyDelay + latency, () => {
      if (c !== conv || c.epoch !== epoch) return;
      net.deliver({ type: 'typing', from, on: false });
      say(from, parts, quickReplies);
    });
  };

  const handoff = createHandoff({
    conversation: () => conv,
    text: () => t,
    user: () => user,
    record,
    deliver: net.deliver,
    reply,
    later: timers.later,
    verification,
    code: options.verificationCode ?? '123456',
    operatorsOnline,
    queueStepMs,
    random: options.random ?? Math.random,
  });

  const reopen = () => {
    if (conv.state !== 'closed') return;
    conv.state = 'open';
    record({ type: 'conversation', state: 'open' });
  };

  const snapshot = (): SessionSnapshot => ({
    sessionToken: conv.token,
    conversationId: conv.id,
    ...(conv.seq ? { cursor: String(conv.seq) } : {}),
    adapter: { name: NAME },
  });

  const transport: MemoryTransport = {
    name: NAME,
    capabilities,
    get status() {
      return net.status;
    },
    get sentMessages() {
      return sent;
    },
    get userTyping() {
      return userTyping;
    },
    get readUpTo() {
      return readUpTo;
    },

    async connect(ctx) {
      if (net.status !== 'idle' && net.status !== 'failed') return snapshot();
      t = /^ru\b/i.test(ctx.locale) ? ru : en;
      user = ctx.user;
      const resume = ctx.resume?.conversationId === conv.id;
      if (!resume) conv = createConversation(ctx.resume);
      net.setStatus('connecting');
      await timers.wait(latency);
      if (forcedOffline) {
        const error = networkError();
        net.setStatus('failed');
        throw error;
      }
      net.setStatus('online');
      net.deliver({
        type: 'availability',
        availability: operatorsOnline ? { operatorsOnline, replyTimeSeconds: 60 } : { operatorsOnline },
      });
      if (resume) {
        // Like a server resuming from a cursor: state events again, messages the client missed.
        const cursor = Number(ctx.resume?.cursor ?? 0) || 0;
        for (const e of conv.log) if (e.type !== 'message' || (e.message.seq ?? 0) > cursor) net.deliver(e);
        handoff.resume();
      } else if (botOn && !conv.seq) {
        const hello = greeting(t, user);
        reply(bot(), hello.parts, hello.quickReplies);
      }
      return snapshot();
    },

    async disconnect() {
      timers.clear(new TransportError(NAME, 'closed', 'disconnected'));
      userTyping = false;
      if (net.status !== 'idle') net.setStatus('idle');
    },

    on: net.on,
    snapshot,

    async send(message: OutgoingMessage): Promise<SendReceipt> {
      const fail = failNext;
      failNext = null;
      await roundTrip();
      if (fail) {
        throw new TransportError(NAME, fail.code ?? 'network', 'send failed (simulated)', { retryable: fail.retryable ?? true });
      }
      const known = conv.receipts.get(message.clientId);
      if (known) return known;
      const body = message.text?.trim() ?? '';
      const files = message.attachments ?? [];
      if (!body && !files.length) throw new TransportError(NAME, 'invalid', 'empty message');
      reopen();
      const parts: Part[] = [
        ...(body ? [{ kind: 'text' as const, text: body }] : []),
        ...files.map((attachment) => ({ kind: 'attachment' as const, attachment })),
      ];
      const echo: IncomingMessage = {
        id: createId(),
        clientId: message.clientId,
        from: { id: user.id ?? 'user', role: 'user', ...(user.name ? { name: user.name } : {}) },
        parts,
        createdAt: new Date().toISOString(),
        ...(message.action ? { action: message.action } : {}),
      };
      record({ type: 'message', message: echo });
      const receipt: SendReceipt = { clientId: message.clientId, id: echo.id, createdAt: echo.createdAt, seq: conv.seq };
      conv.receipts.set(message.clientId, receipt);
      sent.push(message);
      if (conv.phase === 'operator') handoff.userWrote(conv.seq);
      else if (botOn && conv.phase === 'bot' && message.action?.kind !== 'handoff') {
        const { reply: r, misses } = answer(t, body, message.action, conv.misses);
        conv.misses = misses;
        reply(bot(), r.parts, r.quickReplies);
      }
      return receipt;
    },

    async fetchHistory({ before, limit = 50 }) {
      const below = before === undefined ? Infinity : Number(before);
      if (Number.isNaN(below)) throw new TransportError(NAME, 'invalid', `bad history cursor ${before}`);
      await roundTrip();
      const older = conv.messages.filter((m) => (m.seq ?? 0) < below);
      const page = older.slice(-Math.max(1, limit));
      const first = page[0]?.seq;
      return { messages: page, hasMore: older.length > page.length, ...(first !== undefined ? { before: String(first) } : {}) };
    },

    async upload(file, uploadOptions = {}) {
      ensureOnline();
      return simulateUpload(NAME, file, uploadOptions, timers.wait, (latency + replyDelay) / 4);
    },

    setTyping(on) {
      userTyping = on;
    },

    async markRead(upToSeq) {
      await roundTrip();
      readUpTo = Math.max(readUpTo, upToSeq);
    },

    async requestHandoff() {
      await roundTrip();
      reopen();
      handoff.request();
    },

    async submitVerification(challengeId, code) {
      await roundTrip();
      return handoff.verify(challengeId, code);
    },

    async closeConversation() {
      await roundTrip();
      if (conv.state !== 'closed') handoff.close();
    },

    async rate(score) {
      await roundTrip();
      if (conv.state !== 'closed') {
        throw new TransportError(NAME, 'invalid', 'only a closed conversation can be rated');
      }
      if (!Number.isInteger(score) || score < 1 || score > 5) {
        throw new TransportError(NAME, 'invalid', `rating must be 1–5, got ${score}`);
      }
    },

    checkAlive() {
      // Liveness check: a simulated drop that is waiting to reconnect comes back at once.
      if (net.status === 'reconnecting' && !forcedOffline) net.setStatus('online');
    },

    setLatency(ms) {
      latency = delayOption('latency', ms, 0);
    },
    failNextSend(error = {}) {
      failNext = error;
    },
    dropConnection({ reconnectAfterMs = 1000 } = {}) {
      if (net.status !== 'online') return;
      net.setStatus('reconnecting', reconnectAfterMs);
      timers.later(reconnectAfterMs, () => {
        if (net.status === 'reconnecting') net.setStatus('online');
      });
    },
    goOffline() {
      forcedOffline = true;
      if (net.status !== 'idle') net.setStatus('offline');
    },
    goOnline() {
      forcedOffline = false;
      if (net.status === 'offline' || net.status === 'reconnecting') net.setStatus('online');
    },
    emitIncoming(input) {
      const { text, ...rest } = typeof input === 'string' ? { text: input } : input;
      const message: IncomingMessage = {
        id: createId(),
        from: bot(),
        createdAt: new Date().toISOString(),
        ...rest,
        parts: rest.parts ?? (text !== undefined ? [{ kind: 'text', text }] : []),
      };
      const event = append(conv, { type: 'message', message });
      net.deliver(event);
      return event.type === 'message' ? event.message : message;
    },
    emit: net.dispatch,
  };
  return transport;
}
