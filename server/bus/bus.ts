/**
 * The bus between server processes that share one database. A process publishes what its own
 * subscribers got, and hears what the others published: durable events by seq only (the
 * database has them; a receiver reads them there, in seq order, filling gaps), ephemeral frames
 * (typing) whole, operator signals, queue changes. One process needs no bus.
 * @module
 */
import type { ServerFrame } from '../../src/protocol/frames';
import type { OperatorSignal } from '../hub';

/** One message on the bus. */
export type BusMessage =
  /** A durable event with this seq was committed in a conversation. */
  | { k: 'event'; conversationId: string; seq: number }
  /** An ephemeral frame (typing) for a conversation's subscribers. */
  | { k: 'frame'; conversationId: string; frame: ServerFrame }
  /** A signal for operator consoles. */
  | { k: 'operators'; signal: OperatorSignal }
  /** The operator queue changed. */
  | { k: 'queue' }
  /** A process may have missed messages: everyone re-reads the conversations they serve. */
  | { k: 'resync' };

/** A bus connecting the server processes of one deployment. */
export interface Bus {
  /** Sends to every other process (never back to this one). Never throws; a lost message is followed by a `resync`. */
  publish(message: BusMessage): void;
  /** Receives what other processes published; returns the unsubscribe function. */
  subscribe(handler: (message: BusMessage) => void): () => void;
  /** Stops listening and releases the connection. */
  close(): Promise<void>;
}
