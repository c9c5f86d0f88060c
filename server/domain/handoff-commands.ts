/**
 * The customer's commands about the way to a person beyond the request itself, the same over the
 * WebSocket and HTTP: leave the queue, set the note for the operator, see what the operator will
 * receive.
 * @module
 */
import type { HandoffPreview } from '../../src/core/model';
import type { HandoffCancelFrame, HandoffNoteFrame, HandoffPreviewFrame } from '../../src/protocol/frames';
import type { SessionRow } from '../db/rows';
import type { ServerContext } from './context';
import { handoffPreview } from './handoff-preview';
import { cancelHandoff, setHandoffNote } from './queue-actions';
import { ownConversation } from './sessions';

/** One of the commands, as validated. */
export type HandoffCommand = Omit<HandoffCancelFrame, 'id'> | Omit<HandoffNoteFrame, 'id'> | Omit<HandoffPreviewFrame, 'id'>;

/** Runs a command for the session's own conversation; the answer body (an ack's fields). */
export async function runHandoffCommand(ctx: ServerContext, session: SessionRow, c: HandoffCommand): Promise<{ preview?: HandoffPreview }> {
  await ownConversation(ctx, session, c.conversationId);
  if (c.t === 'handoff.cancel') {
    await cancelHandoff(ctx, c.conversationId);
    return {};
  }
  if (c.t === 'handoff.note') await setHandoffNote(ctx, c.conversationId, c.note);
  return { preview: await handoffPreview(ctx, await ownConversation(ctx, session, c.conversationId)) };
}
