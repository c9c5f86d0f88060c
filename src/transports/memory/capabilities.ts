/**
 * What the memory transport supports, known before its code is loaded (the script-tag build
 * loads it lazily and must answer `capabilities` at once).
 * @module
 */
import type { Capabilities } from '../../core/model';
import type { MemoryTransportOptions } from './types';

/** Upload limits of the simulated backend. */
export const UPLOAD_LIMITS = { maxBytes: 10 * 1024 * 1024, maxFiles: 5, accept: ['image/*', 'application/pdf', 'text/plain'] };

/** The capabilities a memory transport created with `options` announces. */
export function memoryCapabilities(options: Pick<MemoryTransportOptions, 'verification' | 'capabilities'> = {}): Capabilities {
  return {
    realtime: true,
    history: 'backward',
    attachments: UPLOAD_LIMITS,
    typing: { inbound: true, outbound: true },
    readReceipts: { inbound: true, outbound: true },
    quickReplies: true,
    cards: true,
    humanHandoff: 'native',
    verification: options.verification ?? true,
    queuePosition: true,
    closeConversation: true,
    rating: true,
    idempotentSend: true,
    // The emulator stores what it is sent: only the widget's guard stands in front of it.
    cardMasking: false,
    richText: true,
    leaveMessage: false,
    ...options.capabilities,
  };
}
