/**
 * `createMemoryTransport`: an in-page backend emulator with no server, for tests, the demo page
 * and QA. It keeps the Transport contract like a real backend (ids, seq, idempotent sends,
 * history pages, resume); controls inject events and faults and ack sends by hand, and a
 * scripted demo bot (content shared with the reference server) answers.
 * @module
 */
import { TransportError } from '../core/errors';
import { createId } from '../core/ids';
import type { Capabilities, Part, Participant } from '../core/model';
import type { ChatUser, IncomingMessage, OutgoingMessage, SendReceipt, SessionSnapshot, TransportEvent } from '../core/transport';
import { memoryCapabilities } from './memory/capabilities';
import { createConnection } from './memory/connection';
import { append, createConversation, historyPage, observe, replay, type Conversation, type DurableInput } from './memory/conversation';
import { createControls, delayOption } from './memory/controls';
import { createHandoff, operator } from './memory/handoff';
import { createScheduler } from './memory/scheduler';
import { createBot } from './memory/bot';
import { createSendGate } from './memory/sends';
import type { MemoryCall, MemoryTransport, MemoryTransportOptions } from './memory/types';
import { handoffText, type HandoffText } from './memory/text';
import { simulateUpload } from './memory/upload';

export type {
  AckOverrides,
  IncomingInput,
  MemoryCall,
  MemoryTransport,
  MemoryTransportOptions,
  SimulatedSendError,
} from './memory/types';

const NAME = 'memory';

/**
 * Creates an in-page backend emulator with a scripted demo bot and a simulated operator.
 * @example
 * const transport = createMemoryTransport({ replyDelayMs: 0 });
 * const chat = createChat({ transport, locale: 'en' });
 * transport.holdSends(); // sends wait for transport.ack(clientId) / transport.reject(clientId)
 */
export function createMemoryTransport(options: MemoryTransportOptions = {}): MemoryTransport {
  const replyDelay = delayOption('replyDelayMs', options.replyDelayMs, 600);
  const queueStepMs = delayOption('queueStepMs', options.queueStepMs, 1500);
  const botOn = options.bot ?? true;
  const echo = options.echo ?? true;
  const operatorsOnline = options.operatorsOnline ?? true;
  const capabilities: Capabilities = memoryCapabilities(options);

  const net = createConnection();
  const timers = createScheduler();
  const gate = createSendGate();
  const sent: OutgoingMessage[] = [];
  const calls: MemoryCall[] = [];
  const bot = createBot();
  let conv: Conversation = createConversation();
  let user: ChatUser = {};
  let t: HandoffText = handoffText('en');
  let userTyping = false;
  let readUpTo = 0;

  const call = (method: MemoryCall['method'], ...args: unknown[]) => void calls.push({ method, args });
  const record = (input: DurableInput) => net.deliver(append(conv, input));
  const botVoice = (): Participant => ({ id: 'bot', role: 'bot', name: t.bot });
  const reply = (from: Participant, parts: Part[], quickReplies?: IncomingMessage['quickReplies']) => {
    const c = conv;
    const epoch = c.epoch;
    net.deliver({ type: 'typing', from, on: true });
    timers.later(replyDelay + controls.latency, () => {
      if (c !== conv || c.epoch !== epoch) return;
      net.deliver({ type: 'typing', from, on: false });
      const message = { id: createId(), from, parts, createdAt: new Date().toISOString(), ...(quickReplies ? { quickReplies } : {}) };
      record({ type: 'message', message });
    });
  };

  const controls = createControls({
    name: NAME,
    net,
    timers,
    gate,
    latency: delayOption('latencyMs', options.latencyMs, 0),
    voices: () => ({ bot: botVoice(), operator: operator(t) }),
    append: (input) => append(conv, input),
    observe: (event: TransportEvent) => observe(conv, event),
    accept: (message, overrides) => accept(message, overrides),
  });
  const { roundTrip, ensureOnline } = controls;

  const handoff = createHandoff({
    conversation: () => conv,
    text: () => t,
    user: () => user,
    record,
    deliver: net.deliver,
    reply,
    later: timers.later,
    scripted: options.handoff ?? true,
    verification: options.verification ?? true,
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

  /** The "server" accepting a message: stored with a seq, echoed, answered. */
  function accept(message: OutgoingMessage, overrides: { seq?: number; id?: string } = {}): SendReceipt {
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
    const own: IncomingMessage = {
      id: overrides.id ?? createId(),
      clientId: message.clientId,
      from: { id: user.id ?? 'user', role: 'user', ...(user.name ? { name: user.name } : {}) },
      parts,
      createdAt: new Date().toISOString(),
      ...(message.action ? { action: message.action } : {}),
    };
    // The seq an ack names is the one the "server" gives (tests line it up with their events).
    if (overrides.seq !== undefined) conv.seq = overrides.seq - 1;
    const event = append(conv, { type: 'message', message: own });
    if (echo) net.deliver(event);
    const receipt: SendReceipt = { clientId: message.clientId, id: own.id, createdAt: own.createdAt, seq: conv.seq };
    conv.receipts.set(message.clientId, receipt);
    sent.push(message);
    if (conv.phase === 'operator') handoff.userWrote(conv.seq);
    else if (botOn && conv.phase === 'bot' && message.action?.kind !== 'handoff') {
      const r = bot.answer(conv, body, message.action);
      // Words asking for a person hand off at once, as the server's bot does.
      if (r.handoff) handoff.request();
      else reply(botVoice(), r.parts, r.quickReplies);
    }
    return receipt;
  }

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
    get calls() {
      return calls;
    },
    get listenerCount() {
      return net.listenerCount;
    },

    async connect(ctx) {
      call('connect', ctx);
      if (net.status !== 'idle' && net.status !== 'failed') return snapshot();
      bot.setLocale(ctx.locale);
      t = handoffText(ctx.locale);
      user = ctx.user;
      const resume = ctx.resume?.conversationId === conv.id;
      if (!resume) conv = createConversation(ctx.resume);
      net.setStatus('connecting');
      await timers.wait(controls.latency);
      const failure = controls.connectFailure();
      if (failure) {
        net.setStatus('failed');
        throw failure;
      }
      net.setStatus('online');
      net.deliver({ type: 'capabilities', capabilities });
      net.deliver({
        type: 'availability',
        availability: operatorsOnline ? { operatorsOnline, replyTimeSeconds: 60 } : { operatorsOnline },
      });
      if (resume) {
        replay(conv, ctx.resume?.cursor).forEach(net.deliver);
        handoff.resume();
      } else if (botOn && !conv.seq) {
        const hello = bot.greeting();
        reply(botVoice(), hello.parts, hello.quickReplies);
      }
      return snapshot();
    },

    async disconnect() {
      call('disconnect');
      const closed = new TransportError(NAME, 'closed', 'disconnected');
      timers.clear(closed);
      for (const { clientId } of gate.pending()) controls.methods.reject(clientId, closed);
      userTyping = false;
      if (net.status !== 'idle') net.setStatus('idle');
    },

    on: net.on,
    snapshot,

    async send(message: OutgoingMessage): Promise<SendReceipt> {
      call('send', message);
      const fail = controls.takeSendFailure();
      await roundTrip();
      if (fail) throw fail;
      if (conv.receipts.has(message.clientId) || !gate.holding) return accept(message);
      return gate.park(message);
    },

    async fetchHistory(query) {
      call('fetchHistory', query);
      historyPage(conv, query.before, 1);
      await roundTrip();
      return historyPage(conv, query.before, query.limit ?? 50);
    },

    async upload(file, uploadOptions = {}) {
      call('upload', file, uploadOptions);
      ensureOnline();
      const limits = capabilities.attachments;
      if (!limits) throw new TransportError(NAME, 'unsupported', 'this backend takes no files');
      return simulateUpload(NAME, file, limits, uploadOptions, timers.wait, (controls.latency + replyDelay) / 4);
    },

    setTyping(on) {
      call('setTyping', on);
      userTyping = on;
    },

    async markRead(upToSeq) {
      call('markRead', upToSeq);
      await roundTrip();
      readUpTo = Math.max(readUpTo, upToSeq);
    },

    async requestHandoff(request) {
      call('requestHandoff', request);
      await roundTrip();
      reopen();
      handoff.request();
    },

    async submitVerification(challengeId, code) {
      call('submitVerification', challengeId, code);
      await roundTrip();
      return controls.verificationResult ?? handoff.verify(challengeId, code);
    },

    async closeConversation() {
      call('closeConversation');
      await roundTrip();
      if (conv.state !== 'closed') handoff.close();
    },

    async rate(score, comment) {
      call('rate', score, comment);
      await roundTrip();
      if (conv.state !== 'closed') {
        throw new TransportError(NAME, 'invalid', 'only a closed conversation can be rated');
      }
      if (!Number.isInteger(score) || score < 1 || score > 5) {
        throw new TransportError(NAME, 'invalid', `rating must be 1–5, got ${score}`);
      }
    },

    checkAlive(reason) {
      call('checkAlive', reason);
      controls.checkAlive();
    },
    ...controls.methods,
  };
  return transport;
}
