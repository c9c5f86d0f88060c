/**
 * Internal notes on a conversation (`desk.notes`, `desk.note.add`): staff only. They are rows of the
 * desk store, never events or messages, so no customer path (WebSocket, long-poll, history,
 * transcript) can carry them. Card numbers are masked as in messages. Adding one is audited.
 * @module
 */
import type { OperatorPrincipal } from '../auth/principal';
import type { NoteRow } from '../db/desk-store';
import type { ServerContext } from '../domain/context';
import { ServiceError } from '../domain/errors';
import { storedText } from '../domain/masking';
import { audit } from '../governance/audit';
import { newId } from '../ids';
import type { DeskNote } from '../operator-protocol/desk';
import { visibleConversation } from './access';

/** Longest note, characters. */
export const MAX_NOTE = 4000;

const toWire = (n: NoteRow): DeskNote => ({
  id: n.id,
  conversationId: n.conversationId,
  author: { id: n.authorId, name: n.authorName },
  text: n.body,
  at: new Date(n.createdAt).toISOString(),
});

/** The notes of a conversation the operator may see, oldest first. */
export async function listNotes(ctx: ServerContext, who: OperatorPrincipal, conversationId: string): Promise<DeskNote[]> {
  await visibleConversation(ctx, who, conversationId);
  return (await ctx.store.desk.notes(conversationId)).map(toWire);
}

/** Adds a note; returns the conversation's notes. */
export async function addNote(ctx: ServerContext, who: OperatorPrincipal, conversationId: string, text: string): Promise<DeskNote[]> {
  const conv = await visibleConversation(ctx, who, conversationId);
  const body = storedText(ctx, text.trim());
  if (body.length === 0 || body.length > MAX_NOTE) throw new ServiceError('invalid', `a note has 1–${MAX_NOTE} characters`);
  await ctx.store.desk.addNote({
    id: newId('note'),
    conversationId,
    authorId: who.id,
    authorName: who.name,
    body,
    createdAt: ctx.config.now(),
  });
  await audit(ctx, { actor: who, action: 'note', conversationId, userKey: conv.userKey });
  return listNotes(ctx, who, conversationId);
}
