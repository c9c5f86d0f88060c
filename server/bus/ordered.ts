/**
 * Durable events to local subscribers in seq order, when they come from several processes: each
 * conversation's events are delivered one at a time, a seq at or below the last delivered one is
 * dropped, and a gap (an event committed by another process whose notification is late or lost)
 * is read from the database before the newer event goes out. Nobody waits on a conversation that
 * has no subscriber here: its position just moves on.
 *
 * A process killed between a commit and its notification leaves a tail nobody announces (the gap
 * shows only when a later event comes); so a conversation someone here listens to is re-read once
 * when it has gone quiet for {@link TAIL_QUIET_MS} after an event (one read per burst, not per event).
 * @module
 */
import type { EventFrame } from '../../src/protocol/frames';
import type { StoredEvent } from '../db/chat-store';

/** Most conversations whose last delivered seq is remembered (least recently used ones are forgotten). */
const MAX_TRACKED = 100_000;
/** Most events read to fill one gap. */
const MAX_FILL = 1000;
/** How long after its last event a conversation is re-read for an unannounced tail, ms. */
export const TAIL_QUIET_MS = 3000;
/** How often the quiet conversations are looked for, ms. */
const TAIL_SWEEP_MS = 1000;

/** What {@link OrderedEvents} needs from its host. */
export interface OrderedHost {
  /** Whether anything in this process listens to the conversation. */
  cares(conversationId: string): boolean;
  /** Delivers one event to the local subscribers. */
  deliver(conversationId: string, frame: EventFrame): void;
  /** Up to `limit` stored events after `after`. */
  read(conversationId: string, after: number, limit: number): Promise<StoredEvent[]>;
  /** Reports a failure to read a gap. */
  failed(error: unknown): void;
}

/** Per-conversation ordered delivery with gap filling. */
export class OrderedEvents {
  private readonly last = new Map<string, number>();
  private readonly chains = new Map<string, Promise<void>>();
  /** When each conversation last had an event, oldest first, until its tail check (see checkTails). */
  private readonly recent = new Map<string, number>();

  constructor(private readonly host: OrderedHost) {}

  /** An event committed with `seq`; `frame` when this process has it, else it is read from the store. */
  offer(conversationId: string, seq: number, frame?: EventFrame): void {
    this.recent.delete(conversationId);
    this.recent.set(conversationId, Date.now());
    this.chain(conversationId, () => this.step(conversationId, seq, frame));
  }

  /** Re-reads every tracked conversation someone here listens to (after the bus may have lost messages). */
  resync(): void {
    for (const id of [...this.last.keys()]) if (this.host.cares(id)) this.chain(id, () => this.step(id, Number.MAX_SAFE_INTEGER));
  }

  /**
   * Starts the tail checks: each conversation quiet for {@link TAIL_QUIET_MS} since its last event
   * is re-read once (if someone here listens to it); returns the stop function.
   */
  checkTails(quietMs = TAIL_QUIET_MS): () => void {
    const timer = setInterval(
      () => {
        const before = Date.now() - quietMs;
        for (const [id, at] of this.recent) {
          if (at > before) break; // oldest first: the rest are not quiet yet
          this.recent.delete(id);
          if (this.last.has(id) && this.host.cares(id)) this.chain(id, () => this.step(id, Number.MAX_SAFE_INTEGER));
        }
      },
      Math.min(TAIL_SWEEP_MS, quietMs),
    );
    timer.unref?.();
    return () => clearInterval(timer);
  }

  private chain(id: string, work: () => Promise<void>): void {
    const prev = this.chains.get(id) ?? Promise.resolve();
    const next = prev.then(work).catch((e: unknown) => this.host.failed(e));
    this.chains.set(id, next);
    void next.then(() => {
      if (this.chains.get(id) === next) this.chains.delete(id);
    });
  }

  private mark(id: string, seq: number): void {
    this.last.delete(id);
    this.last.set(id, seq);
    if (this.last.size > MAX_TRACKED) this.last.delete(this.last.keys().next().value as string);
  }

  private async step(id: string, seq: number, frame?: EventFrame): Promise<void> {
    const last = this.last.get(id);
    if (last !== undefined && seq <= last) return;
    if (!this.host.cares(id)) {
      if (seq !== Number.MAX_SAFE_INTEGER) this.mark(id, seq);
      return;
    }
    if (frame && (last === undefined || seq === last + 1)) {
      this.mark(id, seq);
      this.host.deliver(id, frame);
      return;
    }
    const from = last ?? seq - 1;
    const upTo = seq === Number.MAX_SAFE_INTEGER ? from + MAX_FILL : seq;
    for (const e of await this.host.read(id, from, Math.min(MAX_FILL, upTo - from))) {
      if (e.seq > upTo || e.seq <= (this.last.get(id) ?? from)) continue;
      this.mark(id, e.seq);
      this.host.deliver(id, { t: 'event', seq: e.seq, conversationId: id, event: e.event });
    }
  }
}
