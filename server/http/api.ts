/**
 * The HTTP fallback of SWP/1 under `/swp/v1` (same semantics as the WebSocket frames).
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HelloFrame } from '../../src/protocol/frames';
import type { SessionRow } from '../db/rows';
import { greet } from '../domain/bot-runner';
import { assertWritable, listConversations } from '../domain/conversations';
import type { ServerContext } from '../domain/context';
import { ServiceError } from '../domain/errors';
import { closeConversation, rate, requestHandoff, resendVerification, skipVerification, submitVerification } from '../domain/handoff';
import { historyPage, userRead, userSend, userTyping } from '../domain/messages';
import { contactRequest, leaveContact } from '../domain/offline';
import { openSession, ownConversation, sessionOfToken, welcomeFrame } from '../domain/sessions';
import { noteRemote } from '../domain/verification';
import { bodyAsFrame, checkFrame } from '../validate';
import { clientAddress } from '../limits/client-address';
import { checkNewMessage, limitsOf, type Subject } from '../limits/limiter';
import { checkNewSession } from '../limits/socket-limits';
import { handoffRoute } from './handoff-routes';
import { longPoll } from './long-poll';
import { handleNotify } from './notify';
import { handleSessionRoute } from './session-routes';
import { sessionUsed } from '../sessions/live';
import { bearer, json, noContent, readJson } from './respond';

/** Counts one request in the session's and the address's frame windows (shared with its sockets). */
async function rateLimit(ctx: ServerContext, req: IncomingMessage, session: SessionRow): Promise<void> {
  await limitsOf(ctx).check('frames', subjectOf(ctx, req, session), 'requests');
}

function subjectOf(ctx: ServerContext, req: IncomingMessage, session: SessionRow): Subject {
  return { owner: session.id, address: clientAddress(req, ctx) };
}

async function authenticate(ctx: ServerContext, req: IncomingMessage): Promise<SessionRow> {
  const token = bearer(req);
  if (!token) throw new ServiceError('auth', 'missing Authorization: Bearer <sessionToken>');
  const session = await sessionOfToken(ctx, token);
  if (!session) throw new ServiceError('auth', 'unknown or expired session token');
  await sessionUsed(ctx, session);
  noteRemote(ctx, session.id, clientAddress(req, ctx));
  return session;
}

/** Validates an HTTP body as the equivalent frame. */
async function frameOf<T extends string>(ctx: ServerContext, req: IncomingMessage, t: T, extra: Record<string, unknown>) {
  const body = await readJson(req, ctx.config.limits.maxFrameBytes);
  const checked = checkFrame(bodyAsFrame(body, t, extra), ctx.config.limits);
  if (!checked.ok) throw new ServiceError(checked.tooLarge ? 'too_large' : 'invalid', checked.message);
  return checked.frame;
}

/**
 * Routes one request under `/swp/v1` (except uploads and files). Returns false when no route matched.
 */
export async function handleApi(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
): Promise<boolean> {
  const method = req.method ?? 'GET';
  if (path === '/sessions' && method === 'POST') {
    const body = await readJson(req, ctx.config.limits.maxFrameBytes);
    const token = bearer(req);
    const frame = checkFrame(bodyAsFrame(body, 'hello', { id: 'http', ...(token && !hasToken(body) ? { token } : {}) }), ctx.config.limits);
    if (!frame.ok) throw new ServiceError('invalid', frame.message);
    await checkNewSession(ctx, frame.frame as HelloFrame, clientAddress(req, ctx));
    const opened = await openSession(ctx, frame.frame as HelloFrame);
    const { t: _t, ref: _ref, ...welcome } = await welcomeFrame(ctx, opened, 'http');
    json(res, 200, welcome);
    if (opened.created) await greet(ctx, opened.conversation);
    return true;
  }
  if (path === '/verify' && method === 'POST') {
    const session = await authenticate(ctx, req);
    await rateLimit(ctx, req, session);
    const f = await frameOf(ctx, req, 'verify.submit', {});
    if (f.t !== 'verify.submit') return false;
    json(res, 200, await submitVerification(ctx, session, f.challengeId, f.code));
    return true;
  }
  if ((path === '/verify/resend' || path === '/verify/skip') && method === 'POST') {
    const session = await authenticate(ctx, req);
    await rateLimit(ctx, req, session);
    const f = await frameOf(ctx, req, path === '/verify/resend' ? 'verify.resend' : 'verify.skip', {});
    if (f.t === 'verify.resend') json(res, 200, { challenge: await resendVerification(ctx, session, f.challengeId) });
    else if (f.t === 'verify.skip') {
      await skipVerification(ctx, session, f.challengeId);
      noContent(res);
    } else return false;
    return true;
  }
  if (await handleNotify(ctx, req, res, path)) return true;
  if (await handleSessionRoute(ctx, req, res, path, authenticate)) return true;
  if (path === '/conversations' && method === 'GET') {
    const session = await authenticate(ctx, req);
    await rateLimit(ctx, req, session);
    json(res, 200, { conversations: await listConversations(ctx, session.userKey) });
    return true;
  }
  const m =
    /^\/conversations\/([^/]{1,128})\/(messages|events|typing|read|handoff|handoff\/(?:cancel|note|preview)|contact|close|rate)$/.exec(
      path,
    );
  if (!m) return false;
  const conversationId = decodeURIComponent(m[1]!);
  const action = m[2]!;
  const session = await authenticate(ctx, req);
  const conv = await ownConversation(ctx, session, conversationId);
  if (action === 'events' && method === 'GET') {
    await longPoll(ctx, req, res, conv, query, session.id);
    return true;
  }
  await rateLimit(ctx, req, session);
  if (action.startsWith('handoff/')) return handoffRoute(ctx, req, res, session, conversationId, action, method);
  if (action === 'messages' && method === 'GET') {
    const before = query.get('before');
    const limit = query.get('limit');
    const f = checkFrame(
      {
        t: 'history',
        id: 'http',
        conversationId,
        ...(before !== null ? { before: Number(before) } : {}),
        ...(limit !== null ? { limit: Number(limit) } : {}),
      },
      ctx.config.limits,
    );
    if (!f.ok || f.frame.t !== 'history') throw new ServiceError('invalid', f.ok ? 'bad query' : f.message);
    json(res, 200, await historyPage(ctx, session, f.frame));
    return true;
  }
  if (method !== 'POST') return false;
  switch (action) {
    case 'messages': {
      const header = req.headers['idempotency-key'];
      const key = typeof header === 'string' && header.length > 0 ? header : undefined;
      const body = await readJson(req, ctx.config.limits.maxFrameBytes);
      const frame = bodyAsFrame(body, 'send', { conversationId });
      if (frame.clientId === undefined && key !== undefined) frame.clientId = key;
      if (key !== undefined && frame.clientId !== key) throw new ServiceError('invalid', 'Idempotency-Key and clientId differ');
      const checked = checkFrame(frame, ctx.config.limits);
      if (!checked.ok) throw new ServiceError(checked.tooLarge ? 'too_large' : 'invalid', checked.message);
      const f = checked.frame;
      if (f.t !== 'send') return false;
      await checkNewMessage(ctx, subjectOf(ctx, req, session), conversationId, f.clientId);
      const { created, ...ack } = await userSend(ctx, session, f);
      json(res, created ? 201 : 200, ack);
      return true;
    }
    case 'typing': {
      const f = await frameOf(ctx, req, 'typing', { conversationId });
      if (f.t === 'typing') await userTyping(ctx, session, conv.id, f.on);
      noContent(res);
      return true;
    }
    case 'read': {
      const f = await frameOf(ctx, req, 'read', { conversationId });
      if (f.t === 'read') await userRead(ctx, session, conv.id, f.upTo);
      noContent(res);
      return true;
    }
    case 'handoff': {
      await limitsOf(ctx).check('handoffs', subjectOf(ctx, req, session), 'requests for a person');
      const f = await frameOf(ctx, req, 'handoff.request', { conversationId });
      assertWritable(ctx, conv);
      if (f.t === 'handoff.request')
        await requestHandoff(ctx, conv.id, {
          ...(f.reason ? { reason: f.reason } : {}),
          ...(f.topic ? { topic: f.topic } : {}),
          ...(f.note !== undefined ? { note: f.note } : {}),
        });
      noContent(res);
      return true;
    }
    case 'contact': {
      const f = await frameOf(ctx, req, 'handoff.contact', { conversationId });
      if (f.t === 'handoff.contact') await leaveContact(ctx, session, conv.id, contactRequest(f));
      noContent(res);
      return true;
    }
    case 'close':
      await closeConversation(ctx, conv.id, 'user');
      noContent(res);
      return true;
    case 'rate': {
      const f = await frameOf(ctx, req, 'rate', { conversationId });
      if (f.t === 'rate') await rate(ctx, conv.id, f.score, f.comment);
      noContent(res);
      return true;
    }
    default:
      return false;
  }
}

function hasToken(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Object.prototype.hasOwnProperty.call(body, 'token');
}
