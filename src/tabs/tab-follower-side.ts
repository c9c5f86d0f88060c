/**
 * A follower tab's side of a tab transport: it never connects; it mirrors the leader's status
 * and events, and `connect()` waits until the leader is online (or failed).
 * @module
 */
import { TransportError } from '../core/errors';
import type { SessionSnapshot, TransportEvent } from '../core/transport';
import { errorToInfo, followerStatus, infoToError, type LeaderState } from './protocol';
import type { TabCalls } from './tab-calls';
import { lostError, snapshotNow, type TabShared } from './tab-shared';

/** What a follower does. */
export interface FollowerSide {
  /** `connect()` on a follower: resolves when the leader is online. */
  wait(): Promise<SessionSnapshot>;
  /** Hands the pending `connect()` to `start` (this tab became the leader). */
  handOver(start: Promise<SessionSnapshot> | null): void;
  /** An event the leader broadcast. */
  follow(event: TransportEvent): void;
  /** The leader's full state (answer to hello, or a new leader's announcement). */
  apply(state: LeaderState): void;
  /** Asks whoever leads for its state (and gives it our context); retried until answered. */
  hello(): void;
  /** Stops: rejects a pending `connect()` and the hello retry. */
  close(error: TransportError): void;
}

interface Pending {
  /** The `connect()` waiting for the leader to be online. */
  waiter: { resolve(s: SessionSnapshot): void; reject(e: TransportError): void } | undefined;
  /** Set by a hello's answer: once online, the chat refetches the tail. */
  needResync: boolean;
}

/** After a status change: the resync a join owes, and the pending `connect()`. */
function settleFollower(s: TabShared, pending: Pending): void {
  const status = s.sticky.status();
  if (pending.needResync && status.status === 'online') {
    pending.needResync = false;
    // The saved history may be older than the leader's: let the chat fetch the tail.
    s.emitLocal({ type: 'resync', reason: 'joined the tab that holds the connection' });
  }
  const w = pending.waiter;
  if (!w) return;
  if (status.status === 'online') {
    pending.waiter = undefined;
    w.resolve(snapshotNow(s));
  } else if (status.status === 'failed' || status.status === 'ended') {
    pending.waiter = undefined;
    w.reject(status.error ? infoToError(s.name, status.error) : lostError(s, 'the tab that holds the connection could not connect'));
  }
}

/** Creates the follower side over `s`; `helloRetryMs` bounds each hello. */
export function createFollowerSide(s: TabShared, calls: TabCalls, helloRetryMs: number): FollowerSide {
  const pending: Pending = { waiter: undefined, needResync: false };
  let helloTimer: ReturnType<typeof setTimeout> | undefined;
  let helloing = false;
  const settle = () => settleFollower(s, pending);

  const follow = (event: TransportEvent) => {
    s.sticky.remember(event);
    s.emitLocal(event.type === 'status' ? { ...event, status: followerStatus(event.status) } : event);
    if (event.type === 'status') settle();
  };
  const apply = (state: LeaderState) => {
    s.lastSnapshot = state.snapshot;
    for (const event of state.sticky) {
      s.sticky.remember(event);
      s.emitLocal(event);
    }
    follow(state.status);
  };
  const clearHello = () => {
    if (helloTimer !== undefined) clearTimeout(helloTimer);
    helloTimer = undefined;
  };
  const hello = () => {
    if (helloing || s.leader || s.closed || !s.ctx) return;
    helloing = true;
    calls.call<LeaderState>('hello', [s.ctx], { timeoutMs: helloRetryMs }).then(
      (state) => {
        helloing = false;
        if (s.leader || s.closed) return;
        pending.needResync = true;
        apply(state);
      },
      () => {
        helloing = false;
        if (s.leader || s.closed) return;
        helloTimer = setTimeout(() => {
          helloTimer = undefined;
          hello();
        }, 0);
      },
    );
  };

  return {
    wait: () =>
      new Promise<SessionSnapshot>((resolve, reject) => {
        pending.waiter?.reject(new TransportError(s.name, 'closed', 'connect() called again', { retryable: true }));
        pending.waiter = { resolve, reject };
        if (s.sticky.status().status === 'online' && s.leaderId !== undefined) settle();
        hello();
      }),
    handOver(start) {
      clearHello();
      const w = pending.waiter;
      if (!start || !w) return;
      pending.waiter = undefined;
      start.then(w.resolve, (error: unknown) => w.reject(infoToError(s.name, errorToInfo(s.name, error))));
    },
    follow,
    apply,
    hello,
    close(error) {
      clearHello();
      pending.waiter?.reject(error);
      pending.waiter = undefined;
    },
  };
}
