/**
 * What a Chatwoot API-channel inbox supports, said honestly. Known before the adapter's code
 * loads (the script-tag build loads it lazily). `rating` turns on when the inbox sends its CSAT
 * survey (an `input_csat` message), as a `capabilities` event.
 * @module
 */
import type { Capabilities } from '../../core/model';

/** Chatwoot's default upload limit is 40 MB per file. */
export const CHATWOOT_ATTACHMENTS = { maxBytes: 40 * 1024 * 1024, maxFiles: 5, accept: [] as string[] };

export function chatwootCapabilities(): Capabilities {
  return {
    realtime: true,
    history: 'backward',
    attachments: CHATWOOT_ATTACHMENTS,
    // Agents typing reach the contact; the contact's typing goes out through toggle_typing.
    typing: { inbound: true, outbound: true },
    // The contact's last-seen goes out; an agent's read mark does not reach the contact's token.
    readReceipts: { inbound: false, outbound: true },
    quickReplies: true,
    cards: true,
    // No public "ask for a person" call: agents see the conversation; a bot hands off on its own.
    humanHandoff: 'none',
    verification: false,
    queuePosition: false,
    closeConversation: true,
    rating: false,
    // The server does not dedupe by echo_id; a retry after a lost answer is checked against the
    // newest page first, but a duplicate stays possible.
    idempotentSend: false,
    richText: false,
    leaveMessage: false,
  };
}
