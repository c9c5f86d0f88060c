/**
 * In-process pub/sub for fan-out. Conversation channels reach the customer's connections and
 * long-polls; the operators channel reaches every operator console. With several processes this
 * is the piece to replace by a shared bus (Postgres LISTEN/NOTIFY, Redis pub/sub): see
 * docs/protocol.md §Scaling.
 * @module
 */
import type { ServerFrame } from '../src/protocol/frames';

/** A frame published on a conversation channel. */
export type HubFrame = ServerFrame;
type Listener = (frame: HubFrame) => void;
/** Signals only operator consoles receive. */
export type OperatorSignal = { t: 'read'; conversationId: string; upTo: number } | { t: 'queue.changed' };

/** Fan-out of frames to subscribers. */
export class Hub {
  private readonly channels = new Map<string, Set<Listener>>();
  private readonly global = new Set<(conversationId: string, frame: HubFrame) => void>();
  private readonly operatorListeners = new Set<(frame: OperatorSignal) => void>();

  /** Subscribes to one conversation; returns the unsubscribe function. */
  subscribe(conversationId: string, listener: Listener): () => void {
    let set = this.channels.get(conversationId);
    if (!set) this.channels.set(conversationId, (set = new Set()));
    set.add(listener);
    return () => {
      const s = this.channels.get(conversationId);
      if (!s) return;
      s.delete(listener);
      if (s.size === 0) this.channels.delete(conversationId);
    };
  }

  /** Subscribes to every conversation (operator consoles). */
  subscribeAll(listener: (conversationId: string, frame: HubFrame) => void): () => void {
    this.global.add(listener);
    return () => this.global.delete(listener);
  }

  /** Subscribes to operator-only signals. */
  subscribeOperators(listener: (frame: OperatorSignal) => void): () => void {
    this.operatorListeners.add(listener);
    return () => this.operatorListeners.delete(listener);
  }

  /** Delivers an operator-only signal (queue changes, customer read marks). */
  publishOperators(frame: OperatorSignal): void {
    for (const l of [...this.operatorListeners]) safe(() => l(frame));
  }

  /** Delivers a frame to every conversation channel (availability changes). */
  broadcast(frame: HubFrame): void {
    for (const set of this.channels.values()) for (const l of [...set]) safe(() => l(frame));
  }

  /** Delivers a frame to the conversation's subscribers and to global ones. */
  publish(conversationId: string, frame: HubFrame): void {
    const set = this.channels.get(conversationId);
    if (set) for (const l of [...set]) safe(() => l(frame));
    for (const l of [...this.global]) safe(() => l(conversationId, frame));
  }

  /** Subscribes to what concerns a person across conversations (`conversation.summary`). */
  subscribeUser(userKey: string, listener: Listener): () => void {
    return this.subscribe(`user\u0000${userKey}`, listener);
  }

  /** Delivers a frame to a person's connections only (not to operators). */
  publishUser(userKey: string, frame: HubFrame): void {
    const set = this.channels.get(`user\u0000${userKey}`);
    if (set) for (const l of [...set]) safe(() => l(frame));
  }

  /** The people with a live connection now. */
  connectedUsers(): string[] {
    return [...this.channels.keys()].filter((k) => k.startsWith('user\u0000')).map((k) => k.slice(5));
  }

  /** Number of live subscribers of a conversation (customer connections and polls). */
  subscribers(conversationId: string): number {
    return this.channels.get(conversationId)?.size ?? 0;
  }
}

function safe(fn: () => void): void {
  try {
    fn();
  } catch {
    // A broken subscriber must not stop the fan-out; it cleans itself up on close.
  }
}
