/**
 * Connected operators: presence, upload tokens, and debounced queue broadcasts.
 * @module
 */
import type { OperatorPrincipal } from '../auth/principal';
import type { PresentOperator } from '../bus/bus';
import { queueFor } from '../governance/need-to-know';
import type { QueueSnapshot } from '../operator-protocol';

/** One connected console. */
export interface OperatorConnection {
  operatorId: string;
  /** The signed-in account. */
  principal: OperatorPrincipal;
  uploadToken: string;
  pushQueue(queue: QueueSnapshot): void;
  shutdown(): void;
}

/** How long another process's presence counts without being heard again, ms (it repeats every 10 s). */
export const PRESENCE_TTL_MS = 30_000;

/** The set of operator connections. */
export class OperatorRegistry {
  private readonly connections = new Set<OperatorConnection>();
  private pending: ReturnType<typeof setTimeout> | undefined;
  /** Builds the snapshot (set once the context exists). */
  snapshot: () => Promise<QueueSnapshot> = async () => ({ waiting: [], verifying: [], active: [], operatorsOnline: 0 });

  add(c: OperatorConnection): void {
    this.connections.add(c);
    this.queueChanged();
    this.onPresence();
  }

  remove(c: OperatorConnection): void {
    this.connections.delete(c);
    this.queueChanged();
    this.onPresence();
  }

  /** Operators of the other processes (a deployment on one database), as they last said. */
  private readonly remote = new Map<string, { operators: string[]; people: PresentOperator[]; at: number }>();
  /** Called when this process's operators change (to tell the other processes). */
  onPresence: () => void = () => {};

  /** Distinct operators online, here and (with several processes) in the processes heard within {@link PRESENCE_TTL_MS}. */
  online(now = Date.now()): number {
    const ids = new Set(this.localOperators());
    for (const p of this.fresh(now)) for (const id of p.operators) ids.add(id);
    return ids.size;
  }

  /** What the other processes said within {@link PRESENCE_TTL_MS} (older reports are forgotten). */
  private fresh(now: number): Array<{ operators: string[]; people: PresentOperator[] }> {
    for (const [process, p] of this.remote) if (now - p.at > PRESENCE_TTL_MS) this.remote.delete(process);
    return [...this.remote.values()];
  }

  /** This process's operators by account, with their number of consoles (what presence tells the others). */
  present(): PresentOperator[] {
    const byId = new Map<string, PresentOperator>();
    for (const c of this.connections) {
      const known = byId.get(c.operatorId);
      if (known) known.consoles++;
      else byId.set(c.operatorId, { ...c.principal, consoles: 1 });
    }
    return [...byId.values()];
  }

  /** The operators the other processes reported with their names (one entry per account and process). */
  remotePeople(now = Date.now()): PresentOperator[] {
    return this.fresh(now).flatMap((p) => p.people);
  }

  /** The operators connected to this process. */
  localOperators(): string[] {
    return [...new Set([...this.connections].map((c) => c.operatorId))];
  }

  /** The accounts signed in on this process's consoles, one entry per connection (the desk's "who is online"). */
  principals(): OperatorPrincipal[] {
    return [...this.connections].map((c) => c.principal);
  }

  /** Another process's operators (ids, and with names when it sent them); the queue's counts and ETAs follow. */
  remotePresence(process: string, operators: string[], people: readonly PresentOperator[] = [], now = Date.now()): void {
    const before = this.online(now);
    const known = new Set(operators);
    const named = people
      .filter((p) => known.has(p.id) && typeof p.name === 'string')
      .map((p) => ({
        id: p.id,
        name: p.name,
        role: p.role === 'supervisor' ? ('supervisor' as const) : ('operator' as const),
        consoles: Number.isInteger(p.consoles) && p.consoles > 0 ? p.consoles : 1,
        ...(typeof p.avatarUrl === 'string' ? { avatarUrl: p.avatarUrl } : {}),
      }));
    this.remote.set(process, { operators, people: named, at: now });
    if (this.online(now) !== before) this.queueChanged();
  }

  /** Operator id of an upload token. */
  operatorOfToken(token: string): string | undefined {
    for (const c of this.connections) if (c.uploadToken === token) return c.operatorId;
    return undefined;
  }

  /** The account behind an upload token. */
  principalOfToken(token: string): OperatorPrincipal | undefined {
    for (const c of this.connections) if (c.uploadToken === token) return c.principal;
    return undefined;
  }

  /** Sends the queue to every console soon (changes in one burst are sent once). */
  queueChanged(): void {
    if (this.pending || this.connections.size === 0) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.snapshot().then(
        (snap) => {
          for (const c of this.connections) c.pushQueue(queueFor(c.principal, snap));
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
