/**
 * The bus between server processes that share one database. A process publishes what its own
 * subscribers got, and hears what the others published: durable events by seq, with the event
 * when it is small (the database is the source of truth: a receiver reads gaps and large events
 * there, and delivers in seq order), ephemeral frames
 * (typing) whole, operator signals, queue changes. One process needs no bus.
 * @module
 */
import type { ServerFrame, WireEvent } from '../../src/protocol/frames';
import type { OperatorPrincipal } from '../auth/principal';
import type { OperatorSignal } from '../hub';

/** An operator signed in on a process, as presence tells the others (for transfers to them). */
export interface PresentOperator extends OperatorPrincipal {
  /** Consoles (tabs) open on that process. */
  consoles: number;
}

/** One message on the bus. */
export type BusMessage =
  /**
   * A durable event with this seq was committed in a conversation; `event` rides along when it is
   * small enough for the bus (else receivers read it from the database).
   */
  | { k: 'event'; conversationId: string; seq: number; event?: WireEvent }
  /**
   * An ephemeral frame (typing) for a conversation's subscribers; a typing start carries how long
   * it may last (`ttlMs`): receivers stop it themselves after that, should the sender die first.
   */
  | { k: 'frame'; conversationId: string; frame: ServerFrame; ttlMs?: number }
  /** A signal for operator consoles. */
  | { k: 'operators'; signal: OperatorSignal }
  /** The operator queue changed. */
  | { k: 'queue' }
  /**
   * The operators connected to one process now (sent on change and every few seconds): their ids,
   * and (`people`) their names and roles, so that a console elsewhere can transfer to them.
   */
  | { k: 'presence'; process: string; operators: string[]; people?: PresentOperator[] }
  /** The team's canned replies changed (consoles that asked for the list get the new one). */
  | { k: 'canned' }
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
