/**
 * Pub/sub for fan-out. Conversation channels reach the customer's connections and long-polls; the
 * operators channel reaches every operator console. Alone it serves one process; attached to a
 * {@link Bus} (`server/bus/`) it also delivers what other processes publish, durable events in seq
 * order with gaps read from the database (docs/protocol.md §17).
 * @module
 */
import type { ServerFrame } from '../src/protocol/frames';
import type { Bus, PresentOperator } from './bus/bus';
import { OrderedEvents, type OrderedHost } from './bus/ordered';
import { RemoteTyping, typingTtlMs } from './bus/remote-typing';

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
  private bus: Bus | undefined;
  private ordered: OrderedEvents | undefined;
  /** Typing indicators started by other processes, stopped here if their sender never does. */
  private readonly remoteTyping = new RemoteTyping((id, frame) => this.deliverLocal(id, frame));
  /** The bot's typing delay here, ms: how long its indicator lasts for the other processes. */
  private botDelayMs = 0;

  /**
   * Joins the other processes of a deployment through `bus`. `read` fetches stored events (to fill
   * gaps); `queueChanged` runs when another process changed the operator queue, `presence` when
   * one tells its operators, `canned` when the canned replies changed (and after a resync).
   * `botDelayMs`: this process's bot typing delay (bot indicators tell the others how long they last).
   * @returns the detach function.
   */
  attach(
    bus: Bus,
    hooks: Pick<OrderedHost, 'read' | 'failed'> & {
      queueChanged(): void;
      presence(process: string, operators: string[], people?: PresentOperator[]): void;
      canned(): void;
      botDelayMs?: number;
    },
  ): () => void {
    this.botDelayMs = hooks.botDelayMs ?? 0;
    const ordered = new OrderedEvents({
      cares: (id) => this.channels.has(id) || this.global.size > 0,
      deliver: (id, frame) => this.deliverLocal(id, frame),
      read: hooks.read,
      failed: hooks.failed,
    });
    this.bus = bus;
    this.ordered = ordered;
    const stopTails = ordered.checkTails();
    const off = bus.subscribe((m) => {
      if (m.k === 'event') {
        const frame = m.event ? { t: 'event' as const, seq: m.seq, conversationId: m.conversationId, event: m.event } : undefined;
        ordered.offer(m.conversationId, m.seq, frame);
      } else if (m.k === 'frame') {
        if (m.frame.t === 'typing') this.remoteTyping.heard(m.conversationId, m.frame, m.ttlMs);
        this.deliverLocal(m.conversationId, m.frame);
      } else if (m.k === 'operators') this.deliverOperators(m.signal);
      else if (m.k === 'queue') hooks.queueChanged();
      else if (m.k === 'presence') hooks.presence(m.process, m.operators, m.people);
      else if (m.k === 'canned') hooks.canned();
      else {
        ordered.resync();
        hooks.queueChanged();
        hooks.canned();
      }
    });
    return () => {
      off();
      stopTails();
      this.remoteTyping.clear();
      this.bus = undefined;
      this.ordered = undefined;
    };
  }

  /** Tells the other processes which operators this one has. */
  announcePresence(process: string, people: PresentOperator[]): void {
    this.bus?.publish({ k: 'presence', process, operators: people.map((p) => p.id), people });
  }

  /** Tells the other processes that the canned replies changed. */
  cannedChanged(): void {
    this.bus?.publish({ k: 'canned' });
  }

  /** Tells the other processes that the operator queue changed (this one updates itself). */
  queueChanged(): void {
    this.bus?.publish({ k: 'queue' });
  }

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
    this.deliverOperators(frame);
    this.bus?.publish({ k: 'operators', signal: frame });
  }

  private deliverOperators(frame: OperatorSignal): void {
    for (const l of [...this.operatorListeners]) safe(() => l(frame));
  }

  /** Delivers a frame to every conversation channel (availability changes). */
  broadcast(frame: HubFrame): void {
    for (const set of this.channels.values()) for (const l of [...set]) safe(() => l(frame));
  }

  /**
   * Delivers a frame to the conversation's subscribers and to global ones, here and (with a bus)
   * in the other processes. Durable events must be published after their seq is committed.
   */
  publish(conversationId: string, frame: HubFrame): void {
    if (!this.bus || !this.ordered) return this.deliverLocal(conversationId, frame);
    if (frame.t === 'event') {
      this.ordered.offer(conversationId, frame.seq, frame);
      this.bus.publish({ k: 'event', conversationId, seq: frame.seq, event: frame.event });
    } else {
      this.deliverLocal(conversationId, frame);
      const ttl = frame.t === 'typing' && frame.on ? { ttlMs: typingTtlMs(frame, this.botDelayMs) } : {};
      this.bus.publish({ k: 'frame', conversationId, frame, ...ttl });
    }
  }

  private deliverLocal(conversationId: string, frame: HubFrame): void {
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

  /** Whether a person has a connection on this process. */
  hasUser(userKey: string): boolean {
    return this.channels.has(`user\u0000${userKey}`);
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
