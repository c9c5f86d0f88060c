/**
 * `hello` → session and conversation: identity checks, token lookup, resume decision.
 * @module
 */
import type { Capabilities } from '../../src/core/model';
import type { HelloFrame, WelcomeFrame } from '../../src/protocol/frames';
import { isTimeZone } from '../../src/protocol/when';
import type { ConversationRow, Profile, SessionRow } from '../db/rows';
import { checkIdentity, identityRefusal } from '../identity';
import { liveSessionOfToken, revokeSession } from '../sessions/live';
import { hashToken, newId, newToken } from '../ids';
import { availability, type ServerContext } from './context';
import { channelsFor, listConversations, pickConversation } from './conversations';
import { ServiceError } from './errors';
import { conversationSnapshot } from './snapshot';
import { verificationPolicy } from './verification';

/** Outcome of a `hello`. */
export interface Opened {
  session: SessionRow;
  token: string;
  conversation: ConversationRow;
  /** Whether the events after `resumeFrom` will be replayed. */
  resumed: boolean;
  resumeFrom: number;
  /** The conversation was created by this hello (the bot greets). */
  created: boolean;
}

/** Locale the bot speaks for a BCP 47 tag. */
export function botLocale(tag: string): 'en' | 'ru' {
  return tag.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

function mergeProfile(old: Profile, hello: HelloFrame): Profile {
  const u = hello.user;
  const zone = hello.client.timeZone;
  // An unknown zone is ignored: times are then written in the server's zone, with its name.
  if (zone !== undefined && isTimeZone(zone) && zone !== old.timeZone) old = { ...old, timeZone: zone };
  if (!u) return old;
  const p: Profile = { ...old };
  if (u.name !== undefined) p.name = u.name;
  if (u.email !== undefined) p.email = u.email;
  if (u.phone !== undefined) p.phone = u.phone;
  if (u.segment !== undefined) p.segment = u.segment;
  if (u.attributes !== undefined) p.attributes = u.attributes;
  return p;
}

/** Finds the session of a bearer token while it is valid (an ended one is refused like an unknown one). */
export function sessionOfToken(ctx: ServerContext, token: string): Promise<SessionRow | undefined> {
  return liveSessionOfToken(ctx, token);
}

/** A proven identity of a hello: the user and when its signature expires (ms). */
interface Identity {
  userId: string;
  userKey: string;
  expiresAt: number;
}

/** Checks the hello's identity signature (and its lifetime); null for an anonymous hello. */
function identityOf(ctx: ServerContext, hello: HelloFrame, now: number): Identity | null {
  const u = hello.user;
  if (u?.id === undefined) return null;
  const max = ctx.config.sessions.identityMaxLifetimeMs;
  const problem = checkIdentity(ctx.config.identitySecret, u.id, u.hash, u.hashExpires, now, max);
  if (problem) throw new ServiceError('auth', identityRefusal(problem, max));
  return { userId: u.id, userKey: `u:${u.id}`, expiresAt: (u.hashExpires as number) * 1000 };
}

/**
 * The session a hello continues: the token's, while valid and of the same person. A signed-in
 * identity other than the token's (an anonymous visitor signing in, or another user on this
 * device) rotates: the old session is revoked and a new one begins.
 */
async function continuedSession(ctx: ServerContext, hello: HelloFrame, identity: Identity | null): Promise<SessionRow | undefined> {
  const session = hello.token !== undefined ? await sessionOfToken(ctx, hello.token) : undefined;
  if (!session || !identity) return session;
  if (session.userKey !== identity.userKey) {
    await revokeSession(ctx, session, 'rotated');
    return undefined;
  }
  if (session.identityExpiresAt !== identity.expiresAt) {
    await ctx.store.setSessionIdentityExpiry(session.id, identity.expiresAt);
    session.identityExpiresAt = identity.expiresAt;
  }
  return session;
}

/** Handles the identity and resume part of `hello` (WebSocket) or `POST /sessions` (HTTP). */
export async function openSession(ctx: ServerContext, hello: HelloFrame): Promise<Opened> {
  const now = ctx.config.now();
  const identity = identityOf(ctx, hello, now);
  let session = await continuedSession(ctx, hello, identity);
  // Only a continued session resumes: a new one (token unknown, ended or rotated) starts afresh.
  const continued = session !== undefined;
  let token = hello.token ?? '';
  if (!session) {
    token = newToken();
    const id = newId('s');
    session = {
      id,
      userKey: identity?.userKey ?? `s:${id}`,
      userId: identity?.userId ?? null,
      verified: identity !== null,
      profile: {},
      locale: hello.client.locale,
      metadata: {},
      createdAt: now,
      lastSeenAt: now,
      identityExpiresAt: identity?.expiresAt ?? null,
      revokedAt: null,
      revokedReason: null,
    };
    await ctx.store.createSession(session, hashToken(token));
    ctx.log.info('session created', { session: session.id, identified: identity !== null });
  }
  session.profile = mergeProfile(session.profile, hello);
  session.locale = hello.client.locale;
  if (hello.metadata) session.metadata = hello.metadata;
  session.lastSeenAt = now;
  await ctx.store.touchSession(session, now);
  const s = session;
  // Find-or-create of the user's conversation is check-then-act: two hellos of one user (two tabs)
  // must not create two conversations, so it runs under the user's lock.
  const { conversation, created } = await ctx.serial.run(`u:${s.userKey}`, () => conversationOf(ctx, s, hello, now));
  const { resumed, resumeFrom } = continued
    ? await resumeOf(ctx, s, conversation, hello)
    : { resumed: false, resumeFrom: conversation.lastSeq };
  return { session: s, token, conversation, resumed, resumeFrom, created };
}

async function conversationOf(
  ctx: ServerContext,
  session: SessionRow,
  hello: HelloFrame,
  now: number,
): Promise<{ conversation: ConversationRow; created: boolean }> {
  const { conversation: latest, channel, id } = await pickConversation(ctx, session, hello);
  if (!latest) {
    const conversation = await ctx.store.createConversation({
      id,
      userKey: session.userKey,
      sessionId: session.id,
      segment: session.profile.segment ?? 'private',
      locale: botLocale(hello.client.locale),
      channel,
      createdAt: now,
    });
    ctx.log.info('conversation created', { conversation: conversation.id, session: session.id, channel });
    return { conversation, created: true };
  }
  if (latest.sessionId !== session.id || (session.profile.segment && session.profile.segment !== latest.segment)) {
    await ctx.store.patchConversation(latest.id, { sessionId: session.id, segment: session.profile.segment ?? latest.segment }, now);
    return { conversation: (await ctx.store.conversation(latest.id))!, created: false };
  }
  return { conversation: latest, created: false };
}

async function resumeOf(
  ctx: ServerContext,
  session: SessionRow,
  conversation: ConversationRow,
  hello: HelloFrame,
): Promise<{ resumed: boolean; resumeFrom: number }> {
  const none = { resumed: false, resumeFrom: conversation.lastSeq };
  if (!hello.resume) return none;
  if (hello.resume.conversationId !== conversation.id) {
    const other = await ctx.store.conversation(hello.resume.conversationId);
    if (other && other.userKey !== session.userKey) throw new ServiceError('forbidden', 'this conversation belongs to another user');
  } else if (/^\d{1,15}$/.test(hello.resume.cursor)) {
    const cursor = Number(hello.resume.cursor);
    if (cursor <= conversation.lastSeq && conversation.lastSeq - cursor <= ctx.config.replayWindow) {
      return { resumed: true, resumeFrom: cursor };
    }
  }
  return none;
}

/** Capabilities this server announces (the channels depend on the customer's segment). */
export function capabilities(ctx: ServerContext, segment?: string): Capabilities {
  const l = ctx.config.limits;
  return {
    realtime: true,
    history: 'backward',
    attachments: { maxBytes: l.maxUploadBytes, maxFiles: l.maxUploadFiles, accept: [...l.uploadTypes] },
    typing: { inbound: true, outbound: true },
    readReceipts: { inbound: true, outbound: true },
    quickReplies: true,
    cards: true,
    humanHandoff: 'native',
    verification: ctx.config.verification,
    ...(ctx.config.verification ? { verificationPolicy: verificationPolicy(ctx) } : {}),
    queuePosition: true,
    closeConversation: true,
    rating: true,
    idempotentSend: true,
    cardMasking: ctx.config.maskCardNumbers,
    richText: true,
    queueLeave: true,
    handoffPreview: true,
    leaveMessage: true,
    ...(ctx.config.emergencyPhone ? { emergencyPhone: ctx.config.emergencyPhone } : {}),
    conversations: { channels: channelsFor(ctx, segment) },
  };
}

/** The `welcome` answer to a hello. */
export async function welcomeFrame(ctx: ServerContext, opened: Opened, ref: string): Promise<WelcomeFrame> {
  const conv = opened.conversation;
  return {
    t: 'welcome',
    ref,
    sessionId: opened.session.id,
    sessionToken: opened.token,
    conversationId: conv.id,
    resumed: opened.resumed,
    cursor: String(conv.lastSeq),
    heartbeatMs: ctx.config.heartbeatMs,
    capabilities: capabilities(ctx, opened.session.profile.segment),
    conversation: await conversationSnapshot(ctx, conv),
    availability: availability(ctx),
    user: { id: opened.session.userId ?? opened.session.id, role: 'user', verified: opened.session.verified },
    conversations: await listConversations(ctx, opened.session.userKey),
  };
}

/** Throws unless the session may act on the conversation; returns the conversation. */
export async function ownConversation(ctx: ServerContext, session: SessionRow, conversationId: string): Promise<ConversationRow> {
  const conv = await ctx.store.conversation(conversationId);
  if (!conv) throw new ServiceError('not_found', 'unknown conversation');
  if (conv.userKey !== session.userKey) throw new ServiceError('forbidden', 'this conversation belongs to another user');
  return conv;
}
