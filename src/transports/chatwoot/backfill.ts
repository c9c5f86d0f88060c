/**
 * The backfill after a reconnect: ActionCable keeps no cursor, so the newest pages are fetched
 * over REST, back until they reach the newest message seen before the drop, and what is unseen is
 * emitted oldest first; the conversation's status is read again too. Too much missed, or a failed
 * fetch, becomes a `resync` (the SDK fetches history itself).
 * @module
 */
import type { TransportEvent } from '../../core/transport';
import type { Inbound } from './inbound';
import { CHATWOOT_PAGE, type ChatwootRest } from './rest';
import type { ChatwootSession } from './session';
import { asString, type Json, messageId } from './wire';

/** Pages a backfill walks back before it gives up and asks for a resync. */
const BACKFILL_PAGES = 10;

async function pagesSince(rest: ChatwootRest, s: ChatwootSession, from: number): Promise<{ list: Json[]; reached: boolean }> {
  const list: Json[] = [];
  let before: number | undefined;
  for (let i = 0; i < BACKFILL_PAGES; i++) {
    const page = await rest.listMessages(s.sourceId, s.conversationId, before);
    list.push(...page);
    const ids = page.map((m) => messageId(m) ?? 0);
    const oldest = ids.length ? Math.min(...ids) : 0;
    if (page.length < CHATWOOT_PAGE || oldest <= from) return { list, reached: true };
    before = oldest;
  }
  return { list, reached: false };
}

/** Backfills everything after message id `from`; `isStopped` drops a late answer. */
export async function backfill(
  rest: ChatwootRest,
  inbound: Inbound,
  s: ChatwootSession,
  from: number,
  emit: (e: TransportEvent) => void,
  isStopped: () => boolean,
): Promise<void> {
  try {
    const [{ list, reached }, conversation] = await Promise.all([
      pagesSince(rest, s, from),
      rest.getConversation(s.sourceId, s.conversationId),
    ]);
    if (isStopped()) return;
    inbound.backfill(list, from);
    inbound.status(asString(conversation.status));
    if (!reached) emit({ type: 'resync', reason: 'too much was missed while offline' });
  } catch {
    if (!isStopped()) emit({ type: 'resync', reason: 'the backfill after a reconnect failed' });
  }
}
