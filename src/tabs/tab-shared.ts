/**
 * State that the leader side, the follower side and the call RPC of a tab transport share.
 * @module
 */
import { TransportError } from '../core/errors';
import type { ConnectContext, SessionSnapshot, Transport, TransportEvent } from '../core/transport';
import type { ChannelLike } from './leader';
import { createStickyState, type LeaderState, type TabMessage } from './protocol';

/** One tab's view of the shared connection. */
export interface TabShared {
  readonly name: string;
  readonly tabId: string;
  readonly inner: Transport;
  readonly sticky: ReturnType<typeof createStickyState>;
  closed: boolean;
  leader: boolean;
  /** The tab that holds the connection, when known. */
  leaderId: string | undefined;
  ctx: ConnectContext | undefined;
  /** The last session this tab knows of (its own, or the leader's). */
  lastSnapshot: SessionSnapshot | undefined;
  /** The inner transport's connect, while this tab leads. */
  innerStart: Promise<SessionSnapshot> | null;
  /** Posts to the other tabs; false when closed or the message cannot be sent. */
  post(message: TabMessage): boolean;
  /** Hands an event to this tab's own listeners. */
  emitLocal(event: TransportEvent): void;
}

/** Creates the shared state over `channel`; `emitLocal` reaches this tab's listeners. */
export function createTabShared(
  inner: Transport,
  tabId: string,
  leader: boolean,
  channel: ChannelLike,
  emitLocal: (event: TransportEvent) => void,
): TabShared {
  const shared: TabShared = {
    name: inner.name,
    tabId,
    inner,
    sticky: createStickyState(),
    closed: false,
    leader,
    leaderId: leader ? tabId : undefined,
    ctx: undefined,
    lastSnapshot: undefined,
    innerStart: null,
    post(message) {
      if (shared.closed) return false;
      try {
        channel.postMessage(message);
        return true;
      } catch {
        return false; // not cloneable, or the channel is gone
      }
    },
    emitLocal,
  };
  return shared;
}

/** The retryable error of a call lost with the leader: the outbox sends again with the same clientId. */
export const lostError = (s: TabShared, why: string) => new TransportError(s.name, 'network', why, { retryable: true });

/** The session as this tab knows it. */
export const snapshotNow = (s: TabShared): SessionSnapshot => (s.leader && s.innerStart ? s.inner.snapshot() : (s.lastSnapshot ?? {}));

/** What a leader tells a tab that joins. */
export const leaderStateOf = (s: TabShared): LeaderState => ({
  snapshot: snapshotNow(s),
  status: s.sticky.status(),
  sticky: s.sticky.events(),
});
