/**
 * What a Rasa bot supports through each channel, said honestly: no history (the SDK keeps its
 * own), no uploads, no typing, no read marks, no operator of its own, no idempotent send (a retry
 * after a lost answer may make the bot answer twice). REST has no push: replies come with the
 * request. A handoff exists only as a payload the bot understands (`handoffPayload`), and a code
 * step only as the custom rule reads one.
 * @module
 */
import type { Capabilities } from '../../core/model';
import type { RasaTransportOptions } from './options';

export function rasaCapabilities(o: Pick<RasaTransportOptions, 'mode' | 'handoffPayload'>): Capabilities {
  return {
    realtime: o.mode === 'socketio',
    history: 'none',
    attachments: false,
    typing: { inbound: false, outbound: false },
    readReceipts: { inbound: false, outbound: false },
    quickReplies: true,
    cards: true,
    humanHandoff: o.handoffPayload ? 'signal' : 'none',
    verification: true,
    queuePosition: false,
    closeConversation: false,
    rating: false,
    idempotentSend: false,
    richText: false,
    leaveMessage: false,
  };
}
