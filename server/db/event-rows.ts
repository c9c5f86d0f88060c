/**
 * Reading events back, for both engines. Since schema v12 a `message` event has no payload of its
 * own: the read joins the message row of the same seq in (`message`), and the frame is built from
 * it, the same frame as when the event carried a copy.
 * @module
 */
import type { WireEvent, WireMessage } from '../../src/protocol/frames';
import type { StoredEvent } from './chat-store';

/** One row of an `eventsAfter` read. */
export interface EventRow {
  seq: number;
  /** The event's own payload (null for a message's event). */
  payload: string | null;
  /** The payload of the message row the event refers to (null for other events). */
  message: string | null;
}

/**
 * The stored event of a row (none for a message event whose message is gone: erasure deletes both
 * in one transaction, so this is only a guard). `decodeMessage` reads an engine's message payload.
 */
export function storedEvent(r: EventRow, decodeMessage: (payload: string, seq: number) => WireMessage): StoredEvent[] {
  if (r.payload !== null) return [{ seq: r.seq, event: JSON.parse(r.payload) as WireEvent }];
  if (r.message === null) return [];
  return [{ seq: r.seq, event: { type: 'message', message: decodeMessage(r.message, r.seq) } }];
}
