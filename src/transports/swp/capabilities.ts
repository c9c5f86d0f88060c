/**
 * What an SWP/1 server supports before its `welcome` says otherwise.
 * @module
 */
import type { Capabilities } from '../../core/model';

/** Capabilities assumed until the server's `welcome` (which is authoritative) arrives. */
export const SWP_DEFAULT_CAPABILITIES: Capabilities = {
  realtime: true,
  history: 'backward',
  attachments: false,
  typing: { inbound: true, outbound: true },
  readReceipts: { inbound: true, outbound: true },
  quickReplies: true,
  cards: true,
  humanHandoff: 'native',
  verification: true,
  queuePosition: true,
  closeConversation: true,
  rating: true,
  idempotentSend: true,
};
