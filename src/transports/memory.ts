/**
 * `createMemoryTransport`: an in-page backend emulator with no server, for tests, the demo page
 * and QA. It keeps the Transport contract like a real backend (ids, seq, idempotent sends,
 * history pages, resume); controls inject events and faults and ack sends by hand, and a
 * scripted demo bot (content shared with the reference server) answers.
 * @module
 */
import { TransportError } from '../core/errors';
import type { Transport } from '../core/transport';
import { accept, createCore, NAME, reopen, snapshot, type Core } from './memory/core';
import { botVoice, reply } from './memory/say';
import { createConversation, historyPage, replay } from './memory/conversation';
import { handoffText } from './memory/text';
import type { MemoryCall, MemoryTransport, MemoryTransportOptions } from './memory/types';
import { simulateUpload } from './memory/upload';

export type {
  AckOverrides,
  IncomingInput,
  MemoryCall,
  MemoryTransport,
  MemoryTransportOptions,
  SimulatedSendError,
} from './memory/types';

const call = (c: Core, method: MemoryCall['method'], ...args: unknown[]) => void c.calls.push({ method, args });

/** connect, disconnect and what the connection carries. */
function sessionMethods(
  c: Core,
): Required<Pick<Transport, 'connect' | 'disconnect' | 'on' | 'snapshot' | 'send' | 'fetchHistory' | 'upload'>> {
  const { net, timers, gate, controls } = c;
  return {
    async connect(ctx) {
      call(c, 'connect', ctx);
      if (net.status !== 'idle' && net.status !== 'failed') return snapshot(c);
      c.bot.setLocale(ctx.locale);
      c.t = handoffText(ctx.locale);
      c.user = ctx.user;
      const resume = ctx.resume?.conversationId === c.conv.id;
      if (!resume) c.conv = createConversation(ctx.resume);
      net.setStatus('connecting');
      await timers.wait(controls.latency);
      const failure = controls.connectFailure();
      if (failure) {
        net.setStatus('failed');
        throw failure;
      }
      net.setStatus('online');
      net.deliver({ type: 'capabilities', capabilities: c.capabilities });
      const online = c.operatorsOnline;
      net.deliver({
        type: 'availability',
        availability: online ? { operatorsOnline: online, replyTimeSeconds: 60 } : { operatorsOnline: online },
      });
      if (resume) {
        replay(c.conv, ctx.resume?.cursor).forEach(net.deliver);
        c.handoff.resume();
      } else if (c.botOn && !c.conv.seq) {
        const hello = c.bot.greeting();
        reply(c, botVoice(c), hello.parts, hello.quickReplies);
      }
      return snapshot(c);
    },
    async disconnect() {
      call(c, 'disconnect');
      const closed = new TransportError(NAME, 'closed', 'disconnected');
      timers.clear(closed);
      for (const { clientId } of gate.pending()) controls.methods.reject(clientId, closed);
      c.userTyping = false;
      if (net.status !== 'idle') net.setStatus('idle');
    },
    on: net.on,
    snapshot: () => snapshot(c),
    async send(message) {
      call(c, 'send', message);
      const fail = controls.takeSendFailure();
      await controls.roundTrip();
      if (fail) throw fail;
      if (c.conv.receipts.has(message.clientId) || !gate.holding) return accept(c, message);
      return gate.park(message);
    },
    async fetchHistory(query) {
      call(c, 'fetchHistory', query);
      historyPage(c.conv, query.before, 1);
      await controls.roundTrip();
      return historyPage(c.conv, query.before, query.limit ?? 50);
    },
    async upload(file, options = {}) {
      call(c, 'upload', file, options);
      controls.ensureOnline();
      const limits = c.capabilities.attachments;
      if (!limits) throw new TransportError(NAME, 'unsupported', 'this backend takes no files');
      return simulateUpload(NAME, file, limits, options, timers.wait, (controls.latency + c.replyDelay) / 4);
    },
  };
}

/** Logout and identity refresh: recorded in `calls`; the emulated session ends or takes the signature. */
function sessionEndMethods(c: Core): Required<Pick<Transport, 'logout' | 'refreshIdentity' | 'updateProfile'>> {
  return {
    async logout(session) {
      call(c, 'logout', session);
      // Like the real transports, a logout needs no connection (only a network when connected).
      if (c.net.status !== 'idle') await c.controls.roundTrip();
    },
    async refreshIdentity(identity) {
      call(c, 'refreshIdentity', identity);
      await c.controls.roundTrip();
      c.user = { ...c.user, ...identity };
    },
    async updateProfile(update) {
      call(c, 'updateProfile', update);
      c.user = { ...c.user, ...update.user };
      if (update.locale !== undefined) {
        c.bot.setLocale(update.locale);
        c.t = handoffText(update.locale);
      }
    },
  };
}

/** What the user does in the conversation besides writing. */
function conversationMethods(
  c: Core,
): Required<
  Pick<
    Transport,
    'setTyping' | 'markRead' | 'requestHandoff' | 'submitVerification' | 'closeConversation' | 'rate' | 'leaveContact' | 'checkAlive'
  >
> {
  const { controls, handoff } = c;
  return {
    setTyping(on) {
      call(c, 'setTyping', on);
      c.userTyping = on;
    },
    async markRead(upToSeq) {
      call(c, 'markRead', upToSeq);
      await controls.roundTrip();
      c.readUpTo = Math.max(c.readUpTo, upToSeq);
    },
    async requestHandoff(request) {
      call(c, 'requestHandoff', request);
      await controls.roundTrip();
      reopen(c);
      handoff.request();
    },
    async submitVerification(challengeId, code) {
      call(c, 'submitVerification', challengeId, code);
      await controls.roundTrip();
      return controls.verificationResult ?? handoff.verify(challengeId, code);
    },
    async closeConversation() {
      call(c, 'closeConversation');
      await controls.roundTrip();
      if (c.conv.state !== 'closed') handoff.close();
    },
    async rate(score, comment) {
      call(c, 'rate', score, comment);
      await controls.roundTrip();
      if (c.conv.state !== 'closed') throw new TransportError(NAME, 'invalid', 'only a closed conversation can be rated');
      if (!Number.isInteger(score) || score < 1 || score > 5) {
        throw new TransportError(NAME, 'invalid', `rating must be 1–5, got ${score}`);
      }
    },
    async leaveContact(request) {
      // The emulator announces `leaveMessage: false`: no next shift to leave a contact for.
      call(c, 'leaveContact', request);
      throw new TransportError(NAME, 'unsupported', 'the memory transport does not take contacts', { retryable: false });
    },
    checkAlive(reason) {
      call(c, 'checkAlive', reason);
      controls.checkAlive();
    },
  };
}

/**
 * Creates an in-page backend emulator with a scripted demo bot and a simulated operator.
 * @example
 * const transport = createMemoryTransport({ replyDelayMs: 0 });
 * const chat = createChat({ transport, locale: 'en' });
 * transport.holdSends(); // sends wait for transport.ack(clientId) / transport.reject(clientId)
 */
export function createMemoryTransport(options: MemoryTransportOptions = {}): MemoryTransport {
  const c = createCore(options);
  const views = {
    get status() {
      return c.net.status;
    },
    get sentMessages() {
      return c.sent;
    },
    get userTyping() {
      return c.userTyping;
    },
    get readUpTo() {
      return c.readUpTo;
    },
    get calls() {
      return c.calls;
    },
    get listenerCount() {
      return c.net.listenerCount;
    },
  };
  const methods = {
    name: NAME,
    capabilities: c.capabilities,
    ...sessionMethods(c),
    ...conversationMethods(c),
    ...c.controls.methods,
    ...sessionEndMethods(c),
  };
  // Getters cannot be spread: they are defined on the object, so they read the state every time.
  const transport = Object.defineProperties(methods, Object.getOwnPropertyDescriptors(views)) as typeof methods & typeof views;
  return transport;
}
