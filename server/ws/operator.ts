/**
 * One operator console connection (`/swp/v1/operator/ws`).
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import type { Participant } from '../../src/core/model';
import { CloseCode } from '../../src/protocol/frames';
import { inConversation, type ServerContext } from '../domain/context';
import { emitMessage, emitTyping } from '../domain/emit';
import { ServiceError, toWireError } from '../domain/errors';
import { accept, closeConversation, markReadByOperator } from '../domain/handoff';
import { storedText } from '../domain/masking';
import { attachmentParts } from '../domain/messages';
import { sanitizeAvatarUrl } from '../domain/queue-actions';
import { conversationDetail, queueSnapshot } from '../domain/operator-view';
import { watchOperatorSocket } from '../auth/live';
import type { OperatorPrincipal } from '../auth/principal';
import type { OperatorAuth } from '../auth/sessions';
import type { OperatorClientFrame, OperatorServerFrame } from '../operator-protocol';
import { auditAction, operatorFeed, viewConversation } from '../governance/live-feed';
import { queueFor } from '../governance/need-to-know';
import { OPERATOR_COMMANDS } from './commands/index';
import type { CommandFrame } from './operator-commands';
import { limitsOf } from '../limits/limiter';
import { Heartbeat, RateWindow } from './liveness';
import type { OperatorConnection, OperatorRegistry } from './operator-registry';

function own(o: Record<string, unknown>, k: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

function parse(value: unknown, maxText: number): OperatorClientFrame | CommandFrame | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'a frame must be a JSON object';
  const o = value as Record<string, unknown>;
  const t = own(o, 't');
  const s = (k: string, max = 128): string | undefined => {
    const v = own(o, k);
    return typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;
  };
  const id = s('id');
  const conversationId = s('conversationId');
  switch (t) {
    case 'hello': {
      // Who it is comes from the account the socket signed in with (server/auth/upgrade.ts), not from here.
      if (!id) return 'hello needs id';
      const rawAvatar = own(o, 'avatarUrl');
      if (rawAvatar !== undefined && rawAvatar !== '' && !sanitizeAvatarUrl(typeof rawAvatar === 'string' ? rawAvatar : undefined))
        return 'avatarUrl must be an http(s) URL of at most 500 characters';
      const avatarUrl = sanitizeAvatarUrl(typeof rawAvatar === 'string' ? rawAvatar : undefined);
      return { t, id, ...(avatarUrl ? { avatarUrl } : {}) };
    }
    case 'view':
    case 'accept':
    case 'close':
      return id && conversationId ? { t, id, conversationId } : `${t} needs id and conversationId`;
    case 'read': {
      const upTo = own(o, 'upTo');
      if (!id || !conversationId) return 'read needs id and conversationId';
      return { t, id, conversationId, ...(typeof upTo === 'number' && Number.isInteger(upTo) && upTo >= 0 ? { upTo } : {}) };
    }
    case 'send': {
      if (!id || !conversationId) return 'send needs id and conversationId';
      const text = own(o, 'text');
      if (text !== undefined && (typeof text !== 'string' || text.length > maxText))
        return `text must be a string of at most ${maxText} characters`;
      const atts = own(o, 'attachments');
      let attachments: Array<{ id: string }> | undefined;
      if (atts !== undefined) {
        if (!Array.isArray(atts) || atts.length > 10) return 'attachments must be an array';
        attachments = [];
        for (const a of atts) {
          const aid = typeof a === 'object' && a !== null ? (a as Record<string, unknown>).id : undefined;
          if (typeof aid !== 'string' || aid.length > 128) return 'attachments[] need an id';
          attachments.push({ id: aid });
        }
      }
      return { t, id, conversationId, ...(typeof text === 'string' ? { text } : {}), ...(attachments ? { attachments } : {}) };
    }
    case 'typing': {
      const on = own(o, 'on');
      return conversationId && typeof on === 'boolean' ? { t, conversationId, on } : 'typing needs conversationId and on';
    }
    case 'ping':
    case 'pong': {
      const raw = own(o, 'n');
      const n = typeof raw === 'number' ? raw : 0;
      return t === 'ping' ? { t, n } : { t, n };
    }
    default: {
      const command = typeof t === 'string' ? OPERATOR_COMMANDS.get(t) : undefined;
      if (!command) return 'unknown frame type';
      if (!id) return `${command.t} needs id`;
      return command.parse(o);
    }
  }
}

const CORE = new Set(['hello', 'view', 'accept', 'send', 'typing', 'read', 'close', 'ping', 'pong']);
/** A core frame (handled here) rather than a registered command's. */
function isCore(f: OperatorClientFrame | CommandFrame): f is OperatorClientFrame {
  return CORE.has(f.t);
}

type SendFrameOf<F> = F extends { t: 'send' } ? F : never;

/**
 * An operator message: the ownership check and the append run under the conversation's lock, so a
 * close or a hand-back cannot slip in between them.
 */
async function operatorSend(
  ctx: ServerContext,
  me: Participant,
  f: SendFrameOf<OperatorClientFrame>,
  owned: (conversationId: string) => Promise<void>,
): Promise<OperatorServerFrame> {
  await owned(f.conversationId);
  const parts = [
    ...(f.text?.trim() ? [{ kind: 'text' as const, text: storedText(ctx, f.text.trim()) }] : []),
    ...(await attachmentParts(ctx, `op:${me.id}`, f.attachments)),
  ];
  if (parts.length === 0) throw new ServiceError('invalid', 'a message needs text or attachments');
  return inConversation(ctx, f.conversationId, async () => {
    await owned(f.conversationId);
    emitTyping(ctx, f.conversationId, me, false);
    const { message } = await emitMessage(ctx, f.conversationId, { from: me, parts });
    return { t: 'ack', ref: f.id, id: message.id, seq: message.seq };
  });
}

/** Serves one operator console, signed in as `auth` (with the session `token` it came with, re-checked while open). */
export function serveOperator(ctx: ServerContext, registry: OperatorRegistry, socket: WebSocket, auth: OperatorAuth, token?: string): void {
  let me: Participant | undefined;
  let principal: OperatorPrincipal | undefined;
  let conn: OperatorConnection | undefined;
  const unsubs: Array<() => void> = [];
  const rateWindow = new RateWindow(ctx.config.limits.maxFramesPer10s * 2, 10_000);
  let queue: Promise<void> = Promise.resolve();
  const send = (f: OperatorServerFrame): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(f));
  };
  const heartbeat = new Heartbeat(
    ctx.config.heartbeatMs,
    (n) => send({ t: 'ping', n }),
    () => socket.terminate(),
  );
  const unwatch = watchOperatorSocket(ctx, auth, token, (reason) => socket.close(CloseCode.AUTH, reason));
  const helloTimer = setTimeout(() => socket.close(CloseCode.HELLO_TIMEOUT, 'hello timeout'), ctx.config.limits.helloTimeoutMs);

  const owned = async (conversationId: string): Promise<void> => {
    const conv = await ctx.store.conversation(conversationId);
    if (!conv) throw new ServiceError('not_found', 'unknown conversation');
    if (conv.operatorId !== me!.id) throw new ServiceError('forbidden', 'accept the conversation first');
  };

  const onFrame = async (frame: OperatorClientFrame | CommandFrame): Promise<void> => {
    if (!isCore(frame)) {
      if (!me) throw new ServiceError('invalid', 'the first frame must be hello');
      return runCommand(frame);
    }
    const f = frame;
    if (f.t === 'ping') return send({ t: 'pong', n: f.n });
    if (f.t === 'pong') return;
    if (!me) {
      if (f.t !== 'hello') {
        send({ t: 'error', error: toWireError('invalid', 'the first frame must be hello') });
        socket.close(CloseCode.PROTOCOL, 'hello expected');
        return;
      }
      clearTimeout(helloTimer);
      // The account is the operator: its id, display name and role; a photo given in hello overrides the account's.
      const avatarUrl = f.avatarUrl ?? auth.principal.avatarUrl;
      const id = auth.principal.id;
      me = { id, role: 'agent', name: auth.principal.name, ...(avatarUrl ? { avatarUrl } : {}) };
      principal = { ...auth.principal, ...(avatarUrl ? { avatarUrl } : {}) };
      conn = {
        operatorId: id,
        principal,
        uploadToken: randomBytes(24).toString('base64url'),
        pushQueue: (queue) => send({ t: 'queue', queue }),
        shutdown: () => socket.close(CloseCode.GOING_AWAY, 'server shutdown'),
      };
      registry.add(conn);
      unsubs.push(
        ctx.hub.subscribeAll(operatorFeed(ctx, conn, send)),
        ctx.hub.subscribeOperators((signal) => {
          if (signal.t === 'read') send(signal);
        }),
      );
      ctx.log.info('operator connected', { operator: id, role: principal.role });
      return send({
        t: 'welcome',
        ref: f.id,
        operator: me,
        role: principal.role,
        uploadToken: conn.uploadToken,
        queue: queueFor(principal, await queueSnapshot(ctx)),
      });
    }
    switch (f.t) {
      case 'hello':
        throw new ServiceError('invalid', 'hello was already received');
      case 'view':
        return send({ t: 'ack', ref: f.id, detail: await viewConversation(ctx, conn!, f.conversationId) });
      case 'accept':
        await accept(ctx, me, f.conversationId);
        await auditAction(ctx, conn!, 'accept', f.conversationId);
        return send({ t: 'ack', ref: f.id, detail: await conversationDetail(ctx, f.conversationId) });
      case 'send':
        return send(await operatorSend(ctx, me, f, owned));
      case 'typing':
        await owned(f.conversationId);
        return emitTyping(ctx, f.conversationId, me, f.on);
      case 'read':
        await owned(f.conversationId);
        await markReadByOperator(ctx, f.conversationId, me, f.upTo);
        return send({ t: 'ack', ref: f.id });
      case 'close':
        await owned(f.conversationId);
        await closeConversation(ctx, f.conversationId, 'agent');
        await auditAction(ctx, conn!, 'close', f.conversationId);
        return send({ t: 'ack', ref: f.id });
    }
  };

  const runCommand = async (f: CommandFrame): Promise<void> => {
    const command = OPERATOR_COMMANDS.get(f.t)!;
    const reply = await command.run({ ctx, registry, principal: principal!, conn: conn!, socket, send, owned }, f);
    if (reply) send(reply);
  };

  const limited = (retryAfterMs: number): void => {
    send({ t: 'error', error: toWireError('rate_limited', 'too many frames', retryAfterMs) });
    socket.close(CloseCode.RATE_LIMITED, 'rate limited');
  };
  const take = (data: RawData, isBinary: boolean): OperatorClientFrame | CommandFrame | undefined => {
    let value: unknown;
    try {
      value = isBinary ? undefined : JSON.parse(String(data));
    } catch {
      value = undefined;
    }
    const f = parse(value, ctx.config.limits.maxTextLength);
    if (typeof f !== 'string') return f;
    const rawId = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).id : undefined;
    if (typeof rawId === 'string') send({ t: 'nack', ref: rawId, error: toWireError('invalid', f) });
    else send({ t: 'error', error: toWireError('invalid', f) });
    return undefined;
  };
  socket.on('message', (data: RawData, isBinary: boolean) => {
    heartbeat.seen();
    // Per operator account over all their consoles and processes once signed in (server/limits).
    const verdict = principal ? limitsOf(ctx).operatorFrame(principal.id) : rateWindow.hit(Date.now());
    if (typeof verdict === 'number') return limited(verdict);
    if (verdict === null) {
      const f = take(data, isBinary);
      // Frames of one console are handled one after the other, in arrival order.
      if (f) queue = queue.then(() => handle(f));
      return;
    }
    queue = queue.then(async () => {
      const over = await verdict;
      if (over !== null) return limited(over);
      const f = take(data, isBinary);
      if (f) await handle(f);
    });
  });
  const handle = async (f: OperatorClientFrame | CommandFrame): Promise<void> => {
    try {
      await onFrame(f);
    } catch (e) {
      const ref = 'id' in f ? f.id : undefined;
      let error: OperatorServerFrame & { t: 'nack' } extends { error: infer E } ? E : never;
      if (e instanceof ServiceError) {
        error = e.message.startsWith('already taken') ? { code: 'already_taken', message: e.message, retryable: false } : e.toWire();
      } else {
        ctx.log.error('operator frame failed', { t: f.t, error: e instanceof Error ? e.message : String(e) });
        error = toWireError('server', 'internal error');
      }
      if (ref !== undefined) send({ t: 'nack', ref, error });
      else send({ t: 'error', error: error.code === 'already_taken' ? toWireError('forbidden', error.message) : error });
    }
  };
  socket.on('close', () => {
    clearTimeout(helloTimer);
    unwatch();
    heartbeat.stop();
    for (const u of unsubs) u();
    if (conn) registry.remove(conn);
    if (me) ctx.log.info('operator disconnected', { operator: me.id });
  });
  socket.on('error', () => undefined);
}
