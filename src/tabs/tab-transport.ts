/**
 * `createTabTransport`: one connection per browser, shared by every tab. It wraps a real
 * transport; the leader tab (see {@link createLeaderElection}) connects it, hands its events to
 * its own chat and broadcasts them to the other tabs, and runs their calls (send, history, …).
 * Follower tabs never connect: they mirror the leader's status and events and call it over a
 * BroadcastChannel, with a timeout. When the leader closes, a follower takes over and connects
 * with the last session it heard of (so the server resumes from the cursor). A call lost with
 * the old leader rejects with a retryable `network` error: the chat's outbox sends it again with
 * the same clientId, so nothing is lost and nothing is doubled.
 * @module
 */
import { TransportError } from '../core/errors';
import type { AttachmentRef, ConversationSummary, HandoffPreview, LeaveContactRequest, VerificationChallenge } from '../core/model';
import type {
  ConversationTarget,
  HistoryPage,
  LivenessReason,
  SessionSnapshot,
  SendReceipt,
  Transport,
  TransportEvent,
  Unsubscribe,
  UploadOptions,
  VerificationOutcome,
  VerificationResult,
  ProfileUpdate,
} from '../core/transport';
import { createTransportListeners } from '../transports/swp/listeners';
import type { ChannelConstructor, ChannelLike, LeaderElection } from './leader';
import type { CallMethod, NotifyMethod, TabMessage } from './protocol';
import { createTabCalls, type TabCalls } from './tab-calls';
import { createFollowerSide, type FollowerSide } from './tab-follower-side';
import { createLeaderSide, type LeaderSide } from './tab-leader-side';
import { createTabShared, leaderStateOf, lostError, snapshotNow, type TabShared } from './tab-shared';

/** Options of {@link createTabTransport}. */
export interface TabTransportOptions {
  /** BroadcastChannel name, per site, user and widget (e.g. the storage namespace). */
  channelName: string;
  /** The election; the tab transport owns it from now on and destroys it on `disconnect()`. */
  election: LeaderElection;
  /** BroadcastChannel constructor. @default globalThis.BroadcastChannel */
  BroadcastChannel?: ChannelConstructor;
  /** How long a call to the leader may take before it rejects with a retryable `network` error, ms. @default 15000 */
  callTimeoutMs?: number;
  /** How often a tab that has not heard from a leader asks again, ms. @default 1000 */
  helloRetryMs?: number;
}

/** A transport shared between tabs. */
export interface TabTransport extends Transport {
  /** True while this tab holds the connection. */
  readonly isLeader: boolean;
  /** Checks the connection now (the leader's transport pings; followers ask the leader). */
  checkAlive(reason?: LivenessReason): void;
}

interface Parts {
  s: TabShared;
  calls: TabCalls;
  leaderSide: LeaderSide;
  follower: FollowerSide;
}

/** Routes a message from another tab to the side it is for. */
function onTabMessage({ s, calls, leaderSide, follower }: Parts, m: TabMessage): void {
  switch (m.t) {
    case 'call':
      return leaderSide.answer(m);
    case 'notify':
      return leaderSide.notify(m);
    case 'abort':
      return leaderSide.abort(m.id);
    case 'reply':
      return calls.reply(m);
    case 'progress':
      return calls.progress(m);
    case 'event':
      if (s.leader) return;
      s.leaderId = m.from;
      s.lastSnapshot = m.snapshot;
      return follower.follow(m.event);
    case 'leader':
      if (s.leader) return;
      if (s.leaderId !== m.from) calls.rejectAll(lostError(s, 'the tab that held the connection went away'));
      s.leaderId = m.from;
      follower.apply(m.state);
      if (m.state.status.status === 'idle') follower.hello(); // it has not connected yet: give it our context
      return;
  }
}

/** This tab won or lost the election. */
function onLeadership({ s, calls, leaderSide, follower }: Parts, isLeader: boolean): void {
  if (s.closed || isLeader === s.leader) return;
  s.leader = isLeader;
  if (isLeader) {
    s.leaderId = s.tabId;
    calls.rejectAll(lostError(s, 'the tab that held the connection went away'));
    const start = leaderSide.startInner();
    follower.handOver(start);
    start?.catch(() => undefined);
    s.post({ t: 'leader', from: s.tabId, state: leaderStateOf(s) });
  } else {
    s.leaderId = undefined;
    s.innerStart = null;
    void s.inner.disconnect().catch(() => undefined);
    s.emitLocal({ type: 'status', status: 'reconnecting' });
    follower.hello();
  }
}

/** The optional Transport methods, each run here when leading and by the leader otherwise. */
function optionalMethods({ s, calls }: Parts): Partial<Transport> {
  const { inner } = s;
  const via = <T>(method: CallMethod, args: unknown[], local: () => Promise<T>): Promise<T> =>
    s.leader ? local() : calls.call<T>(method, args);
  const notify = (method: NotifyMethod, args: unknown[]) =>
    s.post({ t: 'notify', from: s.tabId, ...(s.leaderId ? { to: s.leaderId } : {}), method, args });
  return {
    ...(inner.fetchHistory
      ? {
          fetchHistory: (query: { before?: string; limit?: number }) =>
            via<HistoryPage>('fetchHistory', [query], () => inner.fetchHistory!(query)),
        }
      : {}),
    ...(inner.markRead ? { markRead: (upTo: number) => via<void>('markRead', [upTo], () => inner.markRead!(upTo)) } : {}),
    ...(inner.requestHandoff
      ? {
          requestHandoff: (req?: { reason?: string; topic?: string }) =>
            via<void>('requestHandoff', [req ?? {}], () => inner.requestHandoff!(req)),
        }
      : {}),
    ...(inner.cancelHandoff ? { cancelHandoff: () => via<void>('cancelHandoff', [], () => inner.cancelHandoff!()) } : {}),
    ...(inner.handoffPreview ? { handoffPreview: () => via<HandoffPreview>('handoffPreview', [], () => inner.handoffPreview!()) } : {}),
    ...(inner.setHandoffNote
      ? { setHandoffNote: (note: string) => via<HandoffPreview>('setHandoffNote', [note], () => inner.setHandoffNote!(note)) }
      : {}),
    ...(inner.submitVerification
      ? {
          submitVerification: (challengeId: string, code: string) =>
            via<VerificationResult | VerificationOutcome>('submitVerification', [challengeId, code], () =>
              inner.submitVerification!(challengeId, code),
            ),
        }
      : {}),
    ...(inner.resendVerification
      ? {
          resendVerification: (challengeId: string) =>
            via<VerificationChallenge>('resendVerification', [challengeId], () => inner.resendVerification!(challengeId)),
        }
      : {}),
    ...(inner.skipVerification
      ? {
          skipVerification: (challengeId: string) =>
            via<void>('skipVerification', [challengeId], () => inner.skipVerification!(challengeId)),
        }
      : {}),
    ...(inner.closeConversation ? { closeConversation: () => via<void>('closeConversation', [], () => inner.closeConversation!()) } : {}),
    ...(inner.rate
      ? { rate: (score: number, comment?: string) => via<void>('rate', [score, comment], () => inner.rate!(score, comment)) }
      : {}),
    ...(inner.leaveContact
      ? { leaveContact: (req: LeaveContactRequest) => via<void>('leaveContact', [req], () => inner.leaveContact!(req)) }
      : {}),
    ...(inner.upload
      ? {
          upload: (file: Blob & { name?: string }, opts: UploadOptions = {}): Promise<AttachmentRef> => {
            if (s.leader) return inner.upload!(file, opts);
            // The leader holds the session the upload needs; progress and abort travel too.
            return calls.call<AttachmentRef>('upload', [file], {
              timeoutMs: 0,
              ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
              ...(opts.signal ? { signal: opts.signal } : {}),
            });
          },
        }
      : {}),
    ...(inner.openConversation
      ? {
          openConversation: (target: ConversationTarget) => via<void>('openConversation', [target], () => inner.openConversation!(target)),
        }
      : {}),
    ...(inner.listConversations
      ? { listConversations: () => via<ConversationSummary[]>('listConversations', [], () => inner.listConversations!()) }
      : {}),
    ...(inner.updateProfile
      ? { updateProfile: (update: ProfileUpdate) => via<void>('updateProfile', [update], () => inner.updateProfile!(update)) }
      : {}),
    // Logout needs no connection (the token travels in the snapshot): straight to this tab's transport.
    // No refreshIdentity: every tab's page refreshes its own widget, the leader's reaches the server.
    ...(inner.logout ? { logout: (session?: SessionSnapshot) => inner.logout!(session ?? snapshotNow(s)) } : {}),
    ...(inner.setTyping ? { setTyping: (on: boolean) => (s.leader ? inner.setTyping!(on) : void notify('setTyping', [on])) } : {}),
  };
}

/**
 * Wraps `inner` so that only the leader tab connects it. Without a BroadcastChannel, or when
 * the election has no other tabs to talk to (`mode: 'solo'`), returns `inner` itself.
 * @example
 * const election = createLeaderElection(`${ns}:leader`);
 * const transport = createTabTransport(createWebSocketTransport({ url }), { channelName: ns, election });
 */
export function createTabTransport(inner: Transport, options: TabTransportOptions): Transport & Partial<TabTransport> {
  const Channel = options.BroadcastChannel ?? (globalThis as { BroadcastChannel?: ChannelConstructor }).BroadcastChannel;
  const { election } = options;
  if (typeof Channel !== 'function' || election.mode === 'solo') return inner;
  const channel: ChannelLike = new Channel(options.channelName);
  // A listener's bug is its own.
  const listeners = createTransportListeners();
  const s = createTabShared(inner, election.tabId, election.isLeader, channel, listeners.emit);
  const calls = createTabCalls(s, options.callTimeoutMs ?? 15_000);
  const parts: Parts = { s, calls, leaderSide: createLeaderSide(s), follower: createFollowerSide(s, calls, options.helloRetryMs ?? 1000) };
  const offInner = inner.on((event) => parts.leaderSide.onInner(event));

  channel.onmessage = (e: MessageEvent) => {
    const m = e.data as TabMessage | null;
    if (m && typeof m === 'object' && !s.closed) onTabMessage(parts, m);
  };
  const offElection = election.onChange((isLeader) => onLeadership(parts, isLeader));

  return {
    name: s.name,
    get capabilities() {
      return inner.capabilities;
    },
    get isLeader() {
      return s.leader;
    },
    connect(context) {
      if (s.closed) return Promise.reject(new TransportError(s.name, 'closed', 'disconnected', { retryable: false }));
      s.ctx = context;
      s.lastSnapshot ??= context.resume;
      return s.leader ? parts.leaderSide.startInner()! : parts.follower.wait();
    },
    async disconnect() {
      if (s.closed) return;
      const wasLeader = s.leader;
      const started = s.innerStart !== null;
      s.closed = true;
      const bye = new TransportError(s.name, 'closed', 'disconnected', { retryable: false });
      calls.rejectAll(bye);
      parts.follower.close(bye);
      parts.leaderSide.abortAll();
      offElection();
      offInner();
      election.destroy();
      channel.onmessage = null;
      channel.close();
      s.leader = false;
      listeners.emit({ type: 'status', status: 'idle' });
      listeners.clear();
      if (wasLeader || started) await inner.disconnect().catch(() => undefined);
    },
    on: (listener: (event: TransportEvent) => void): Unsubscribe => listeners.on(listener),
    snapshot: () => snapshotNow(s),
    send: (message) => (s.leader ? inner.send(message) : calls.call<SendReceipt>('send', [message])),
    ...optionalMethods(parts),
    checkAlive(reason?: LivenessReason) {
      if (s.closed) return;
      if (s.leader) inner.checkAlive?.(reason);
      else s.post({ t: 'notify', from: s.tabId, ...(s.leaderId ? { to: s.leaderId } : {}), method: 'checkAlive', args: [reason] });
    },
  };
}
