/**
 * Connected operators: presence, upload tokens, and debounced queue broadcasts.
 * @module
 */
import type { QueueSnapshot } from '../operator-protocol';

/** One connected console. */
export interface OperatorConnection {
  operatorId: string;
  uploadToken: string;
  pushQueue(queue: QueueSnapshot): void;
  shutdown(): void;
}

/** The set of operator connections. */
export class OperatorRegistry {
  private readonly connections = new Set<OperatorConnection>();
  private pending: ReturnType<typeof setTimeout> | undefined;
  /** Builds the snapshot (set once the context exists). */
  snapshot: () => Promise<QueueSnapshot> = async () => ({ waiting: [], verifying: [], active: [], operatorsOnline: 0 });

  add(c: OperatorConnection): void {
    this.connections.add(c);
    this.queueChanged();
  }

  remove(c: OperatorConnection): void {
    this.connections.delete(c);
    this.queueChanged();
  }

  /** Distinct operators online. */
  online(): number {
    return new Set([...this.connections].map((c) => c.operatorId)).size;
  }

  /** Operator id of an upload token. */
  operatorOfToken(token: string): string | undefined {
    for (const c of this.connections) if (c.uploadToken === token) return c.operatorId;
    return undefined;
  }

  /** Sends the queue to every console soon (changes in one burst are sent once). */
  queueChanged(): void {
    if (this.pending || this.connections.size === 0) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.snapshot().then(
        (snap) => {
          for (const c of this.connections) c.pushQueue(snap);
        },
        () => undefined, // the next change sends a fresh one
      );
    }, 15);
  }

  /** Closes every console connection. */
  close(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
    for (const c of [...this.connections]) c.shutdown();
    this.connections.clear();
  }
}
