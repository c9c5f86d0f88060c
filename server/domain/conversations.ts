/**
 * Several conversations per person: the channels a segment gets, the summaries of a person's
 * conversations (last message, unread count), which conversation a hello opens, the read-only
 * check, and `postNotification`, the server's way to write to the notifications channel.
 * @module
 */
import type { WireChannel, WireConversationSummary } from '../../src/protocol/conversations';
import type { HelloFrame, WireMessage } from '../../src/protocol/frames';
import type { ConversationRow, SessionRow } from '../db/rows';
import { createHash } from 'node:crypto';
import { newId } from '../ids';
import type { ServerContext } from './context';
import { emitMessage } from './emit';
import { ServiceError } from './errors';

/** Channels of each customer segment (README "Several conversations and notifications"). */
export interface ChannelsConfig {
  private: WireChannel[];
  business: WireChannel[];
}

/** The reference server's default channels. */
export const DEFAULT_CHANNELS: ChannelsConfig = {
  private: [
    { id: 'support', readOnly: false },
    { id: 'notifications', readOnly: true },
  ],
  business: [
    { id: 'support', readOnly: false },
    { id: 'notifications', readOnly: true },
    { id: 'documents', readOnly: false },
  ],
};

/**
 * A refused `hello.open` (someone else's conversation, a read-only channel): the session itself is
 * fine, so the connection is answered with a `nack` and stays open, unlike an identity refusal.
 */
export class OpenRefused extends ServiceError {}

/** Most conversations a list returns. */
const LIST_LIMIT = 50;
/** Messages looked at for an unread count (the count reads "99+" long before). */
const UNREAD_WINDOW = 100;
/** The channel `postNotification` writes to. */
export const NOTIFICATIONS = 'notifications';

/** The channels a segment gets. */
export function channelsFor(ctx: ServerContext, segment: string | undefined): WireChannel[] {
  return segment === 'business' ? ctx.config.channels.business : ctx.config.channels.private;
}

/** The channel a conversation belongs to (an unconfigured one reads as read-only). */
export function channelOf(ctx: ServerContext, conv: Pick<ConversationRow, 'channel' | 'segment'>): WireChannel {
  return (
    channelsFor(ctx, conv.segment).find((c) => c.id === conv.channel) ?? { id: conv.channel, readOnly: conv.channel === NOTIFICATIONS }
  );
}

/** Throws unless the customer may write to the conversation. */
export function assertWritable(ctx: ServerContext, conv: ConversationRow): void {
  if (channelOf(ctx, conv).readOnly) throw new ServiceError('forbidden', 'this channel is read-only: nobody reads replies here');
}

function preview(m: WireMessage): string {
  const parts = m.parts.map((p) =>
    p.kind === 'text' ? p.text : p.kind === 'attachment' ? p.attachment.name : p.kind === 'card' ? (p.title ?? p.text ?? '') : '',
  );
  return parts.filter(Boolean).join(' ').replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** The summary of one conversation. */
export async function summaryOf(ctx: ServerContext, conv: ConversationRow): Promise<WireConversationSummary> {
  // Only what can be unread is read (seqs above the person's read mark), and at least the last one.
  const window = Math.max(1, Math.min(UNREAD_WINDOW, conv.lastSeq - conv.userReadUpTo));
  const recent = await ctx.store.messagesBefore(conv.id, Number.MAX_SAFE_INTEGER, window);
  const channel = channelOf(ctx, conv);
  const last = recent[0];
  const unread = recent.filter((m) => m.seq > conv.userReadUpTo && m.from.role !== 'user').length;
  return {
    id: conv.id,
    channel: channel.id,
    ...(channel.title ? { title: channel.title } : {}),
    state: conv.state,
    readOnly: channel.readOnly,
    ...(last ? { lastMessage: { text: preview(last), from: last.from.role, at: last.createdAt } } : {}),
    updatedAt: last ? last.createdAt : new Date(conv.createdAt).toISOString(),
    unread,
  };
}

/** The person's conversations, most recently changed first. */
export async function listConversations(ctx: ServerContext, userKey: string): Promise<WireConversationSummary[]> {
  const rows = await ctx.store.conversationsOf(userKey, LIST_LIMIT);
  const list = await Promise.all(rows.map((c) => summaryOf(ctx, c)));
  return list.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}

/** Tells the person's connections that a conversation changed (never throws). */
export function publishSummary(ctx: ServerContext, conversationId: string): void {
  // At once, not gathered: an HTTP client between two polls catches up by `updatedAt`, which must not
  // be older than a summary still to come.
  void (async () => {
    const conv = await ctx.store.conversation(conversationId);
    if (!conv || !ctx.hub.hasUser(conv.userKey)) return; // nobody of theirs is connected here
    ctx.hub.publishUser(conv.userKey, { t: 'conversation.summary', conversation: await summaryOf(ctx, conv) });
  })().catch((e: unknown) => ctx.log.error('conversation summary failed', { error: e instanceof Error ? e.message : String(e) }));
}

/** What a hello asks to open, checked against the session. */
type Target = { kind: 'existing'; conversation: ConversationRow } | { kind: 'new'; channel: string; id: string } | { kind: 'default' };

/** The id a `new` open with `ref` creates: the same for a repeated hello (a re-dial), so it opens that one. */
function idOfNew(userKey: string, ref: string | undefined): string {
  return ref === undefined ? newId('c') : `c_${createHash('sha256').update(`${userKey}\u0000${ref}`).digest('base64url').slice(0, 16)}`;
}

async function targetOf(ctx: ServerContext, session: SessionRow, hello: HelloFrame): Promise<Target> {
  const open = hello.open;
  if (open?.conversationId !== undefined) {
    const conv = await ctx.store.conversation(open.conversationId);
    if (!conv) throw new OpenRefused('not_found', 'unknown conversation');
    if (conv.userKey !== session.userKey) throw new OpenRefused('forbidden', 'this conversation belongs to another user');
    return { kind: 'existing', conversation: conv };
  }
  if (open?.new) {
    const channel = open.channel ?? 'support';
    const known = channelsFor(ctx, session.profile.segment).find((c) => c.id === channel);
    if (!known) throw new OpenRefused('invalid', `unknown channel "${channel}"`);
    if (known.readOnly) throw new OpenRefused('forbidden', 'this channel is read-only: nobody reads replies here');
    const id = idOfNew(session.userKey, open.ref);
    const made = await ctx.store.conversation(id);
    if (made && made.userKey === session.userKey) return { kind: 'existing', conversation: made };
    return { kind: 'new', channel, id };
  }
  if (hello.resume) {
    const conv = await ctx.store.conversation(hello.resume.conversationId);
    if (conv && conv.userKey === session.userKey) return { kind: 'existing', conversation: conv };
  }
  return { kind: 'default' };
}

/**
 * Picks the conversation a hello opens (run under the user's lock): `open`, else the resumed one
 * when it is the session's, else the newest conversation of a writable channel, else a new one.
 * @returns the conversation (undefined: create one in `channel`).
 */
export async function pickConversation(
  ctx: ServerContext,
  session: SessionRow,
  hello: HelloFrame,
): Promise<{ conversation: ConversationRow | undefined; channel: string; id: string }> {
  const target = await targetOf(ctx, session, hello);
  if (target.kind === 'existing')
    return { conversation: target.conversation, channel: target.conversation.channel, id: target.conversation.id };
  if (target.kind === 'new') return { conversation: undefined, channel: target.channel, id: target.id };
  const rows = await ctx.store.conversationsOf(session.userKey, LIST_LIMIT);
  return { conversation: rows.find((c) => !channelOf(ctx, c).readOnly), channel: 'support', id: newId('c') };
}

/** What `postNotification` posts. */
export interface Notification {
  text: string;
}

/**
 * Posts a message to the person's notifications conversation (created on first use), e.g. "Your
 * card has been reissued". The person's connections get a `conversation.summary` with the unread
 * count; the conversation is read-only for them.
 * @returns the notification's conversation and message ids.
 */
export async function postNotification(
  ctx: ServerContext,
  userKey: string,
  n: Notification,
): Promise<{ conversationId: string; messageId: string }> {
  const text = n.text.trim();
  if (!text) throw new ServiceError('invalid', 'a notification needs text');
  if (text.length > ctx.config.limits.maxTextLength) throw new ServiceError('too_large', 'notification text is too long');
  const conv = await ctx.serial.run(`u:${userKey}`, async () => {
    const rows = await ctx.store.conversationsOf(userKey, LIST_LIMIT);
    const found = rows.find((c) => c.channel === NOTIFICATIONS);
    if (found) return found;
    const owner = rows[0];
    if (!owner) throw new ServiceError('not_found', 'no customer with this key has talked to us yet');
    return ctx.store.createConversation({
      id: newId('c'),
      userKey,
      sessionId: owner.sessionId,
      segment: owner.segment,
      locale: owner.locale,
      channel: NOTIFICATIONS,
      createdAt: ctx.config.now(),
    });
  });
  const from = { id: 'notifications', role: 'bot' as const, name: conv.locale === 'ru' ? 'Уведомления' : 'Notifications' };
  const { message } = await ctx.serial.run(`c:${conv.id}`, () => emitMessage(ctx, conv.id, { from, parts: [{ kind: 'text', text }] }));
  ctx.log.info('notification posted', { conversation: conv.id });
  return { conversationId: conv.id, messageId: message.id };
}
