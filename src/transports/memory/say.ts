/**
 * How the emulator's "server" speaks: durable events get the next seq, replies show typing first.
 * @module
 */
import { createId } from '../../core/ids';
import type { Part, Participant } from '../../core/model';
import type { IncomingMessage } from '../../core/transport';
import type { Core } from './core';
import { append, type DurableInput } from './conversation';

/** Stores `input` with the next seq and delivers it. @internal */
export const record = (c: Core, input: DurableInput): void => c.net.deliver(append(c.conv, input));

/** The bot, named in the conversation's language. @internal */
export const botVoice = (c: Core): Participant => ({ id: 'bot', role: 'bot', name: c.t.bot });

/** Shows typing, then says `parts` after the reply delay (dropped if the conversation closed meanwhile). @internal */
export function reply(c: Core, from: Participant, parts: Part[], quickReplies?: IncomingMessage['quickReplies']): void {
  const conv = c.conv;
  const epoch = conv.epoch;
  c.net.deliver({ type: 'typing', from, on: true });
  c.timers.later(c.replyDelay + c.controls.latency, () => {
    if (conv !== c.conv || conv.epoch !== epoch) return;
    c.net.deliver({ type: 'typing', from, on: false });
    const message = { id: createId(), from, parts, createdAt: new Date().toISOString(), ...(quickReplies ? { quickReplies } : {}) };
    record(c, { type: 'message', message });
  });
}
