/**
 * Turns what a test or the QA panel hands to `emitIncoming` into the event a server would send.
 * @module
 */
import { createId } from '../../core/ids';
import type { Participant } from '../../core/model';
import type { IncomingMessage, TransportEvent } from '../../core/transport';
import { seqOf } from './connection';
import type { DurableInput } from './conversation';
import type { IncomingInput } from './types';

/** Who `'bot'`, `'operator'` and `'system'` stand for. @internal */
export interface Voices {
  bot: Participant;
  operator: Participant;
}

// Kinds a server stores and numbers; message updates and deletions refer to stored ones instead.
const NUMBERED = new Set(['message', 'participant', 'conversation', 'queue', 'handoff']);

/**
 * The event for `input`: `{ kind: 'append' }` when it needs a seq and a place in history, else
 * `{ kind: 'as-is' }`.
 * @internal
 */
export function toEvent(
  input: IncomingInput,
  voices: Voices,
): { kind: 'append'; input: DurableInput } | { kind: 'as-is'; event: TransportEvent } {
  if (typeof input !== 'string' && 'type' in input && typeof input.type === 'string') {
    const event = input;
    return NUMBERED.has(event.type) && seqOf(event) === undefined
      ? { kind: 'append', input: event as DurableInput }
      : { kind: 'as-is', event };
  }
  const { text, from, ...rest } = typeof input === 'string' ? { text: input, from: undefined } : input;
  const who: Participant =
    from === undefined || from === 'bot'
      ? voices.bot
      : from === 'operator'
        ? voices.operator
        : from === 'system'
          ? { id: 'system', role: 'system' }
          : from;
  const message: IncomingMessage = {
    id: createId(),
    createdAt: new Date().toISOString(),
    ...rest,
    from: who,
    parts: rest.parts ?? (text !== undefined ? [{ kind: 'text', text }] : []),
  };
  return { kind: 'append', input: { type: 'message', message } };
}
