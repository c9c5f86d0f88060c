/**
 * One customer WebSocket connection: hello/welcome, resume replay, frame dispatch, heartbeats,
 * rate limiting and protocol-violation handling.
 * @module
 */
import type { RawData, WebSocket } from 'ws';
import { CloseCode, type ClientFrame, type ServerFrame } from '../../src/protocol/frames';
import type { ServerContext } from '../domain/context';
import { ServiceError, toWireError } from '../domain/errors';
import { greet } from '../domain/bot-runner';
import { assertWritable, listConversations, OpenRefused } from '../domain/conversations';
import { closeConversation, rate, requestHandoff, resendVerification, skipVerification, submitVerification } from '../domain/handoff';
import { runHandoffCommand } from '../domain/handoff-commands';
import { historyPage, userRead, userSend, userTyping } from '../domain/messages';
import { contactRequest, leaveContact } from '../domain/offline';
import { openSession, ownConversation, welcomeFrame } from '../domain/sessions';
import { noteRemote } from '../domain/verification';
import type { SessionRow } from '../db/rows';
import { logout, refreshIdentity, updateProfile } from '../sessions/actions';
import type { SessionEnd } from '../sessions/lifetime';
import { watchSession } from '../sessions/live';
import { checkNewMessage, limitsOf } from '../limits/limiter';
import { checkNewSession, SOCKET_RETRY_MS, SocketLimits } from '../limits/socket-limits';
import type { Verdict } from '../limits/windows';
import { checkFrame } from '../validate';
import { Heartbeat } from './liveness';

/** Violations (bad frames) tolerated before closing with 4400. */
const MAX_VIOLATIONS = 10;

/** Serves one customer connection until it closes. */
export function serveCustomer(ctx: ServerContext, socket: WebSocket, remote: string): void {
  let session: SessionRow | undefined;
  let lastSentSeq = 0;
  let unsubscribe: (() => void) | undefined;
  let stopWatching: (() => void) | undefined;
  let violations = 0;
  let closing = false;
  const limits = ctx.config.limits;
  // Windows per session and address, shared by every socket and process (server/limits).
  const guard = new SocketLimits(ctx, remote);
  let queue: Promise<void> = Promise.resolve();

  const send = (frame: ServerFrame): void => {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(JSON.stringify(frame));
    ctx.metrics.inc('sc_frames_sent_total', { type: frame.t });
    if (frame.t === 'nack' || frame.t === 'error') ctx.metrics.inc('sc_errors_total', { code: frame.error.code });
  };
  const closeWith = (code: number, reason: string): void => {
    if (closing) return;
    closing = true;
    ctx.log.debug('closing customer socket', { code, reason, remote });
    socket.close(code, reason);
  };
  const violation = (message: string, ref?: string, code: 'invalid' | 'too_large' = 'invalid'): void => {
    if (ref !== undefined) send({ t: 'nack', ref, error: toWireError(code, message) });
    else send({ t: 'error', error: toWireError(code, message) });
    if (++violations > MAX_VIOLATIONS) closeWith(CloseCode.PROTOCOL, 'too many malformed frames');
  };

  // A session that ended: revoked or its identity expired → 4401 (the widget stops); idle or too old
  // → a plain close, and the widget's next hello starts a fresh session.
  const sessionEnded = (why: SessionEnd): void => {
    ctx.log.debug('customer session ended', { why, remote });
    if (why === 'idle' || why === 'expired') return closeWith(CloseCode.GOING_AWAY, 'session expired');
    const message = why === 'revoked' ? 'session ended (logged out or replaced)' : 'identity expired: ask the host page for a fresh one';
    send({ t: 'error', error: toWireError('auth', message) });
    closeWith(CloseCode.AUTH, why);
  };

  const heartbeat = new Heartbeat(
    ctx.config.heartbeatMs,
    (n) => send({ t: 'ping', n, ...(session ? { seq: lastSentSeq } : {}) }),
    () => {
      ctx.log.debug('customer heartbeat lost', { remote });
      socket.terminate();
    },
  );
  const helloTimer = setTimeout(() => {
    send({ t: 'error', error: toWireError('timeout', 'no hello in time') });
    closeWith(CloseCode.HELLO_TIMEOUT, 'hello timeout');
  }, limits.helloTimeoutMs);

  const refuse = (retryAfterMs: number, message: string): void => {
    send({ t: 'error', error: toWireError('rate_limited', message, retryAfterMs) });
    closeWith(CloseCode.RATE_LIMITED, 'rate limited');
  };

  const hello = async (frame: Extract<ClientFrame, { t: 'hello' }>): Promise<void> => {
    try {
      await checkNewSession(ctx, frame, remote);
    } catch (e) {
      if (e instanceof ServiceError && e.code === 'rate_limited') return refuse(e.retryAfterMs ?? SOCKET_RETRY_MS, e.message);
      throw e;
    }
    const opened = await openSession(ctx, frame);
    if (!(await guard.bind(opened.session.id))) return refuse(SOCKET_RETRY_MS, 'too many connections of this session');
    const over = await guard.hello();
    if (over !== null) return refuse(over, 'too many frames of this session');
    const convId = opened.conversation.id;
    // Subscribe before anything awaits again: live events are held until the welcome and the replay
    // are out, then go through the same seq filter (none lost, none doubled, in order).
    let held: ServerFrame[] | undefined = [];
    const deliver = (f: ServerFrame): void => {
      if (f.t === 'event') {
        if (f.seq <= lastSentSeq) return;
        lastSentSeq = f.seq;
      } else if (f.t === 'typing' && f.from.role === 'user') return;
      send(f);
      // The session was erased (server/governance/erasure.ts): its connections end.
      if (f.t === 'error' && f.error.code === 'auth') closeWith(CloseCode.AUTH, 'session ended');
    };
    const offConversation = ctx.hub.subscribe(convId, (f) => (held ? held.push(f) : deliver(f)));
    // Several conversations: the others arrive as summaries (last message, unread count).
    const offUser = ctx.hub.subscribeUser(opened.session.userKey, (f) => {
      if (f.t === 'conversation.summary') held ? held.push(f) : send(f);
    });
    unsubscribe = () => {
      offConversation();
      offUser();
    };
    session = opened.session;
    stopWatching = watchSession(ctx, session, sessionEnded);
    noteRemote(ctx, session.id, remote);
    clearTimeout(helloTimer);
    try {
      send(await welcomeFrame(ctx, opened, frame.id));
      lastSentSeq = opened.resumeFrom;
      if (opened.resumed) {
        for (const { seq, event } of await ctx.store.eventsAfter(convId, opened.resumeFrom, ctx.config.replayWindow)) {
          deliver({ t: 'event', seq, conversationId: convId, event });
        }
      }
    } finally {
      const pending = held;
      held = undefined;
      for (const f of pending) deliver(f);
    }
    ctx.log.debug('customer hello', { session: opened.session.id, conversation: convId, resumed: opened.resumed });
    if (opened.created) await greet(ctx, opened.conversation);
  };

  const dispatch = async (frame: ClientFrame, s: SessionRow): Promise<void> => {
    switch (frame.t) {
      case 'hello':
        throw new ServiceError('invalid', 'hello was already received on this connection');
      case 'send': {
        await checkNewMessage(ctx, guard.subject(), frame.conversationId, frame.clientId);
        const { created: _created, ...ack } = await userSend(ctx, s, frame);
        return send({ t: 'ack', ref: frame.id, ...ack });
      }
      case 'typing':
        return await userTyping(ctx, s, frame.conversationId, frame.on);
      case 'read':
        await userRead(ctx, s, frame.conversationId, frame.upTo);
        return send({ t: 'ack', ref: frame.id });
      case 'history':
        return send({ t: 'history.page', ref: frame.id, ...(await historyPage(ctx, s, frame)) });
      case 'conversations.list':
        return send({ t: 'ack', ref: frame.id, conversations: await listConversations(ctx, s.userKey) });
      case 'handoff.request':
        await limitsOf(ctx).check('handoffs', guard.subject(), 'requests for a person');
        assertWritable(ctx, await ownConversation(ctx, s, frame.conversationId));
        await requestHandoff(ctx, frame.conversationId, {
          ...(frame.reason ? { reason: frame.reason } : {}),
          ...(frame.topic ? { topic: frame.topic } : {}),
          ...(frame.note !== undefined ? { note: frame.note } : {}),
        });
        return send({ t: 'ack', ref: frame.id });
      case 'handoff.cancel':
      case 'handoff.note':
      case 'handoff.preview':
        return send({ t: 'ack', ref: frame.id, ...(await runHandoffCommand(ctx, s, frame)) });
      case 'handoff.contact':
        await leaveContact(ctx, s, frame.conversationId, contactRequest(frame));
        return send({ t: 'ack', ref: frame.id });
      case 'verify.submit':
        return send({ t: 'ack', ref: frame.id, ...(await submitVerification(ctx, s, frame.challengeId, frame.code)) });
      case 'verify.resend':
        return send({ t: 'ack', ref: frame.id, challenge: await resendVerification(ctx, s, frame.challengeId) });
      case 'verify.skip':
        await skipVerification(ctx, s, frame.challengeId);
        return send({ t: 'ack', ref: frame.id });
      case 'close':
        await ownConversation(ctx, s, frame.conversationId);
        await closeConversation(ctx, frame.conversationId, 'user');
        return send({ t: 'ack', ref: frame.id });
      case 'rate':
        await rate(ctx, (await ownConversation(ctx, s, frame.conversationId)).id, frame.score, frame.comment);
        return send({ t: 'ack', ref: frame.id });
      case 'logout':
        // This connection answers first; the revocation then closes every other one of the session.
        stopWatching?.();
        await logout(ctx, s);
        send({ t: 'ack', ref: frame.id });
        return closeWith(CloseCode.AUTH, 'logged out');
      case 'identity':
        await refreshIdentity(ctx, s, frame.hash, frame.hashExpires);
        return send({ t: 'ack', ref: frame.id });
      case 'profile':
        await updateProfile(ctx, s, frame);
        return send({ t: 'ack', ref: frame.id });
      case 'ping':
        return send({ t: 'pong', n: frame.n });
      case 'pong':
        return;
    }
  };

  const onFrame = async (frame: ClientFrame): Promise<void> => {
    const ref = 'id' in frame ? frame.id : undefined;
    try {
      if (frame.t === 'ping') return send({ t: 'pong', n: frame.n });
      if (!session) {
        if (frame.t !== 'hello') {
          send({ t: 'error', error: toWireError('invalid', 'the first frame must be hello') });
          return closeWith(CloseCode.PROTOCOL, 'hello expected');
        }
        return await hello(frame);
      }
      await dispatch(frame, session);
    } catch (e) {
      if (e instanceof ServiceError) {
        if (!session && (e.code === 'auth' || e.code === 'forbidden') && !(e instanceof OpenRefused)) {
          send({ t: 'error', error: e.toWire() });
          return closeWith(e.code === 'auth' ? CloseCode.AUTH : CloseCode.FORBIDDEN, e.code);
        }
        if (ref !== undefined) send({ t: 'nack', ref, error: e.toWire() });
        else send({ t: 'error', error: e.toWire() });
        return;
      }
      ctx.log.error('customer frame failed', { t: frame.t, error: e instanceof Error ? e.message : String(e) });
      const err = toWireError('server', 'internal error');
      send(ref !== undefined ? { t: 'nack', ref, error: err } : { t: 'error', error: err });
    }
  };

  const parse = (data: RawData, isBinary: boolean): ClientFrame | undefined => {
    if (isBinary) return void violation('binary frames are not supported');
    let value: unknown;
    try {
      value = JSON.parse(String(data));
    } catch {
      return void violation('malformed JSON');
    }
    const checked = checkFrame(value, limits);
    if (!checked.ok) return void violation(checked.message, checked.ref, checked.tooLarge ? 'too_large' : 'invalid');
    return checked.frame;
  };
  const overFrames = (over: number): void =>
    refuse(over, `more than ${ctx.config.extraLimits.framesPerSession.max} frames per session (or address) in the window`);

  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (closing) return;
    heartbeat.seen();
    const verdict: Verdict | Promise<Verdict> = guard.frame();
    if (typeof verdict === 'number') return overFrames(verdict);
    if (verdict === null) {
      const frame = parse(data, isBinary);
      // Frames of one connection are handled one after the other, in arrival order.
      if (frame) queue = queue.then(() => (closing ? undefined : onFrame(frame)));
      return;
    }
    // The window needs a chunk from the store: decided in the queue, so the order stays.
    queue = queue.then(async () => {
      const over = await verdict;
      if (closing) return;
      if (over !== null) return overFrames(over);
      const frame = parse(data, isBinary);
      if (frame) await onFrame(frame);
    });
  });
  // The address's slot first: frames wait in the queue until it is taken (or refused).
  queue = queue.then(async () => {
    if (!(await guard.open())) refuse(SOCKET_RETRY_MS, 'too many connections from this address');
  });
  socket.on('close', () => {
    guard.close();
    clearTimeout(helloTimer);
    heartbeat.stop();
    unsubscribe?.();
    stopWatching?.();
  });
  socket.on('error', (e) => ctx.log.debug('customer socket error', { error: e.message, remote }));
}
