/**
 * The customer's side of waiting for a person: leaving the queue, the note for the operator, and
 * the priority the server (never a client) gives a conversation. Also the durable system lines
 * ("Anna joined the chat", "Conversation closed") stored as messages, so they are part of the
 * history like everything else: replayed on resume, returned by history pages, kept by clients.
 * @module
 */
import type { Action, Participant } from '../../src/core/model';
import type { ConversationRow } from '../db/rows';
import { inConversation, type ServerContext } from './context';
import { emit, emitMessage } from './emit';
import { ServiceError } from './errors';
import { refreshQueue } from './handoff';
import { botFor } from './snapshot';
import { storedText } from './masking';

type Locale = 'en' | 'ru';

/** The participant system lines come from. */
export const SYSTEM: Participant = { id: 'system', role: 'system' };

/** `custom` part type of a system line; its data is {@link NoteData}. */
export const NOTE_PART_TYPE = 'swp.note';

/** What a system line says, for clients that word it themselves. */
export interface NoteData {
  kind: 'joined' | 'left' | 'closed';
  name?: string;
}

const NOTE_TEXT: Record<Locale, Record<NoteData['kind'], (name: string) => string>> = {
  en: { joined: (n) => `${n} joined the chat`, left: (n) => `${n} left the chat`, closed: () => 'Conversation closed' },
  ru: { joined: (n) => `${n} теперь в чате`, left: (n) => `${n} больше не в чате`, closed: () => 'Диалог завершён' },
};

/**
 * Stores a system line as a message: a text part in the conversation's language (for any client)
 * and a `custom` part `swp.note` with the structured line (for clients that translate it).
 * Caller holds the conversation's lock.
 */
export async function emitNote(ctx: ServerContext, conv: Pick<ConversationRow, 'id' | 'locale'>, note: NoteData): Promise<void> {
  const locale: Locale = conv.locale === 'ru' ? 'ru' : 'en';
  const name = note.name || (locale === 'ru' ? 'Оператор' : 'An operator');
  await emitMessage(ctx, conv.id, {
    from: SYSTEM,
    parts: [
      { kind: 'text', text: NOTE_TEXT[locale][note.kind](name) },
      { kind: 'custom', type: NOTE_PART_TYPE, data: { kind: note.kind, ...(note.name ? { name: note.name } : {}) } },
    ],
  });
}

/** An avatar URL an operator gave: kept only when it is an absolute http(s) URL of at most 500 characters. */
export function sanitizeAvatarUrl(raw: string | undefined): string | undefined {
  if (!raw || raw.length > 500) return undefined;
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A handoff button the customer pressed with value `urgent`: the conversation becomes urgent only
 * when the server's own record shows the bot offered exactly that button (in one of its last
 * messages). A client sending `value: 'urgent'` on its own promotes nothing. Caller holds the lock.
 */
export async function promoteIfOffered(ctx: ServerContext, conv: ConversationRow, action: Action): Promise<void> {
  if (action.kind !== 'handoff' || action.value !== 'urgent' || conv.priority === 'urgent') return;
  const recent = await ctx.store.messagesBefore(conv.id, Number.MAX_SAFE_INTEGER, 20);
  const offered = recent.some(
    (m) =>
      m.from.role === 'bot' &&
      [...(m.quickReplies ?? []), ...m.parts.flatMap((p) => (p.kind === 'card' ? (p.actions ?? []) : []))].some(
        (a) => a.id === action.id && a.kind === 'handoff' && a.value === 'urgent',
      ),
  );
  if (!offered) {
    ctx.log.info('urgent handoff button not offered by the bot: ignored', { conversation: conv.id });
    return;
  }
  await ctx.store.patchConversation(
    conv.id,
    { priority: 'urgent', priorityReason: conv.priorityReason ?? conv.topic ?? 'urgent' },
    ctx.config.now(),
  );
  if (conv.handoff === 'queued' || conv.handoff === 'offline') await refreshQueue(ctx); // already waiting: moves ahead now
  ctx.onQueueChange();
}

const LEFT_QUEUE: Record<Locale, { text: string; again: string }> = {
  en: {
    text: 'You have left the queue. I am here if you need anything else, and a person is one tap away.',
    again: 'Talk to a person',
  },
  ru: {
    text: 'Вы вышли из очереди. Я на связи, если понадобится что-то ещё, а оператора можно позвать в одно касание.',
    again: 'Позвать оператора',
  },
};

/**
 * The customer leaves the queue (or the way to it): back to the bot, handoff `none` with reason
 * `cancelled_by_user`, and everyone behind moves up. Idempotent; refused once an operator has it.
 */
export function cancelHandoff(ctx: ServerContext, conversationId: string): Promise<void> {
  return inConversation(ctx, conversationId, async () => {
    const conv = await ctx.store.conversation(conversationId);
    if (!conv) throw new ServiceError('not_found', 'unknown conversation');
    if (conv.handoff === 'accepted' || conv.operatorId) throw new ServiceError('invalid', 'an operator already has this conversation');
    if (conv.state === 'closed' || (conv.handoff !== 'queued' && conv.handoff !== 'offline' && conv.handoff !== 'verification_required'))
      return;
    const now = ctx.config.now();
    await ctx.store.patchConversation(conv.id, { handoff: 'none', state: 'open', queuedAt: null }, now);
    await ctx.store.announcements.forgetAnnouncement(conv.id);
    await emit(ctx, conv.id, { type: 'handoff', state: 'none', reason: 'cancelled_by_user' });
    if (conv.state !== 'open') await emit(ctx, conv.id, { type: 'conversation', state: 'open', reason: 'cancelled_by_user' });
    const t = LEFT_QUEUE[conv.locale === 'ru' ? 'ru' : 'en'];
    await emitMessage(ctx, conv.id, {
      from: botFor(conv.locale),
      parts: [{ kind: 'text', text: t.text }],
      quickReplies: [{ id: 'handoff-again', label: t.again, kind: 'handoff', value: conv.priority === 'urgent' ? 'urgent' : '' }],
    });
    ctx.log.info('customer left the queue', { conversation: conv.id });
    await refreshQueue(ctx);
    ctx.onQueueChange();
  });
}

/** Sets (empty: clears) the customer's note for the operator. */
export function setHandoffNote(ctx: ServerContext, conversationId: string, note: string): Promise<void> {
  return inConversation(ctx, conversationId, () => setHandoffNoteLocked(ctx, conversationId, note));
}

/** {@link setHandoffNote} for a caller that holds the conversation's lock. */
export async function setHandoffNoteLocked(ctx: ServerContext, conversationId: string, note: string): Promise<void> {
  const conv = await ctx.store.conversation(conversationId);
  if (!conv) throw new ServiceError('not_found', 'unknown conversation');
  if (conv.state === 'closed') throw new ServiceError('closed', 'the conversation is closed');
  const text = storedText(ctx, note.trim()); // a card number in a note is masked too
  await ctx.store.patchConversation(conv.id, { handoffNote: text.length > 0 ? text : null }, ctx.config.now());
  ctx.onQueueChange();
}
