/**
 * Customer actions on a conversation: send (idempotent by clientId), history, read, typing.
 * @module
 */
import type { AttachmentRef, Part } from '../../src/core/model';
import type { AckFrame, HistoryFrame, HistoryPageFrame, SendFrame } from '../../src/protocol/frames';
import type { SessionRow, UploadRow } from '../db/rows';
import { botReply, freshBotState } from './bot-runner';
import { inConversation, type ServerContext } from './context';
import { assertWritable, publishSummary } from './conversations';
import { emitMessage, emitTyping } from './emit';
import { ServiceError } from './errors';
import { reopenLocked } from './handoff';
import { storedText } from './masking';
import { promoteIfOffered } from './queue-actions';
import { ownConversation } from './sessions';
import { userParticipant } from './snapshot';

/** Raster images are shown inline; everything else downloads. */
export function isRasterImage(mimeType: string): boolean {
  return mimeType === 'image/png' || mimeType === 'image/jpeg' || mimeType === 'image/gif' || mimeType === 'image/webp';
}

/** Public description of a stored upload. */
export function attachmentRef(ctx: ServerContext, u: UploadRow): AttachmentRef {
  const url = `${ctx.publicUrl()}/swp/v1/files/${u.id}`;
  return { id: u.id, name: u.name, mimeType: u.mimeType, size: u.size, url, ...(isRasterImage(u.mimeType) ? { thumbnailUrl: url } : {}) };
}

/** Resolves attachment ids the given owner uploaded into message parts. */
export async function attachmentParts(ctx: ServerContext, owner: string, ids: Array<{ id: string }> | undefined): Promise<Part[]> {
  const parts: Part[] = [];
  for (const { id } of ids ?? []) {
    const u = await ctx.store.upload(id);
    if (!u || u.owner !== owner) throw new ServiceError('invalid', `attachment ${id} is unknown`);
    parts.push({ kind: 'attachment', attachment: attachmentRef(ctx, u) });
  }
  // Attached uploads are kept; the others are deleted after the upload TTL (server/limits/sweeper.ts).
  if (ids?.length)
    await ctx.store.limits.markUploadsAttached(
      ids.map((a) => a.id),
      ctx.config.now(),
    );
  return parts;
}

type SendInput = Omit<SendFrame, 't' | 'id'>;

type SendAck = Omit<AckFrame, 't' | 'ref'> & { created: boolean };

/**
 * Stores a customer message; a repeated clientId returns the original ack and changes nothing.
 * Runs under the conversation's lock: the reopen of a closed conversation, the message and the
 * bot's reply to it are one sequence (the store's append also dedupes by clientId on its own).
 */
export async function userSend(ctx: ServerContext, session: SessionRow, input: SendInput): Promise<SendAck> {
  await ownConversation(ctx, session, input.conversationId);
  // The ack as soon as the message is committed (a durable promise); the bot's part goes on under
  // the lock, and a failure of it is logged, not refused: the message is stored.
  let stored = false;
  let ack: (a: SendAck) => void = () => {};
  const acked = new Promise<SendAck>((resolve) => (ack = resolve));
  const done = inConversation(ctx, input.conversationId, () =>
    userSendLocked(ctx, session, input, (a) => {
      stored = true;
      ack(a);
    }),
  );
  done.catch((e: unknown) => {
    if (stored) ctx.log.error('the bot after a message failed', { error: e instanceof Error ? e.message : String(e) });
  });
  return Promise.race([acked, done]);
}

async function userSendLocked(ctx: ServerContext, session: SessionRow, input: SendInput, onStored: (a: SendAck) => void): Promise<SendAck> {
  let conv = await ownConversation(ctx, session, input.conversationId);
  assertWritable(ctx, conv);
  const existing = await ctx.store.messageByClientId(conv.id, input.clientId);
  if (existing) return { clientId: input.clientId, id: existing.id, seq: existing.seq, createdAt: existing.createdAt, created: false };

  const typed = input.text?.trim() ?? '';
  if (typed.length > ctx.config.limits.maxTextLength)
    throw new ServiceError('too_large', `text is longer than ${ctx.config.limits.maxTextLength} characters`);
  // Masked before it is stored, fanned out (the customer's own echo included) or read by the bot.
  const text = storedText(ctx, typed);
  const parts: Part[] = [];
  if (text) parts.push({ kind: 'text', text });
  else if (input.action) parts.push({ kind: 'text', text: storedText(ctx, input.action.label) });
  parts.push(...(await attachmentParts(ctx, session.id, input.attachments)));
  if (parts.length === 0) throw new ServiceError('invalid', 'a message needs text, an action or attachments');

  if (conv.state === 'closed') {
    await reopenLocked(ctx, conv, freshBotState(ctx, conv));
    conv = (await ctx.store.conversation(conv.id))!;
  }
  const { message, created } = await emitMessage(ctx, conv.id, {
    from: userParticipant(conv, session),
    parts,
    clientId: input.clientId,
    ...(input.action ? { action: input.action } : {}),
  });
  const result = { clientId: input.clientId, id: message.id, seq: message.seq, createdAt: message.createdAt, created };
  if (created && input.action?.kind === 'handoff') await promoteIfOffered(ctx, conv, input.action);
  onStored(result);
  if (created && input.action?.kind !== 'handoff') {
    await botReply(ctx, conv, { ...(text ? { text } : {}), ...(input.action ? { action: input.action } : {}) });
  }
  return result;
}

/** A page of messages older than `before` (the newest page without it), oldest first. */
export async function historyPage(
  ctx: ServerContext,
  session: SessionRow,
  q: Omit<HistoryFrame, 't' | 'id'>,
): Promise<Omit<HistoryPageFrame, 't' | 'ref'>> {
  const conv = await ownConversation(ctx, session, q.conversationId);
  const limit = Math.min(Math.max(q.limit ?? 30, 1), 100);
  const rows = await ctx.store.messagesBefore(conv.id, q.before ?? Number.MAX_SAFE_INTEGER, limit + 1);
  const hasMore = rows.length > limit;
  const messages = rows.slice(0, limit).reverse();
  const oldest = messages[0];
  return { messages, hasMore, ...(oldest ? { before: oldest.seq } : {}) };
}

/** The customer has read up to a seq: kept for operators (who see it live in the console). */
export async function userRead(ctx: ServerContext, session: SessionRow, conversationId: string, upTo: number): Promise<void> {
  await ownConversation(ctx, session, conversationId);
  await inConversation(ctx, conversationId, async () => {
    const conv = await ownConversation(ctx, session, conversationId);
    const target = Math.min(upTo, conv.lastSeq);
    if (target <= conv.userReadUpTo) return; // read-then-raise under the lock: never lowers the mark
    await ctx.store.patchConversation(conv.id, { userReadUpTo: target }, ctx.config.now());
    ctx.hub.publishOperators({ t: 'read', conversationId: conv.id, upTo: target });
    publishSummary(ctx, conv.id);
  });
}

/** Relays the customer's typing to operators. */
export async function userTyping(ctx: ServerContext, session: SessionRow, conversationId: string, on: boolean): Promise<void> {
  const conv = await ownConversation(ctx, session, conversationId);
  emitTyping(ctx, conv.id, userParticipant(conv, session), on);
}
