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
import { createId } from '../core/ids';
import type { AttachmentRef } from '../core/model';
import type {
  ConnectContext,
  HistoryPage,
  LivenessReason,
  OutgoingMessage,
  SendReceipt,
  SessionSnapshot,
  Transport,
  TransportEvent,
  Unsubscribe,
  UploadOptions,
  VerificationResult,
} from '../core/transport';
import type { ChannelConstructor, ChannelLike, LeaderElection } from './leader';
import {
  createStickyState,
  errorToInfo,
  followerStatus,
  infoToError,
  type CallMethod,
  type LeaderState,
  type NotifyMethod,
  type TabMessage,
} from './protocol';

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

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: TransportError): void;
  timer: ReturnType<typeof setTimeout> | undefined;
  onProgress?: (progress: { loaded: number; total: number }) => void;
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
  const callTimeoutMs = options.callTimeoutMs ?? 15_000;
  const helloRetryMs = options.helloRetryMs ?? 1000;
  const name = inner.name;
  const tabId = election.tabId;
  const channel: ChannelLike = new Channel(options.channelName);
  const listeners = new Set<(event: TransportEvent) => void>();
  const pending = new Map<string, PendingCall>();
  const uploads = new Map<string, AbortController>();
  const sticky = createStickyState();

  let closed = false;
  let leader = election.isLeader;
  let leaderId: string | undefined = leader ? tabId : undefined;
  let ctx: ConnectContext | undefined;
  let lastSnapshot: SessionSnapshot | undefined;
  let innerStart: Promise<SessionSnapshot> | null = null;
  let waiter: { resolve(s: SessionSnapshot): void; reject(e: TransportError): void } | undefined;
  let helloTimer: ReturnType<typeof setTimeout> | undefined;
  let helloing = false;
  let needResync = false;

  const emitLocal = (event: TransportEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // A listener's bug is its own.
      }
    }
  };
  const post = (message: TabMessage): boolean => {
    if (closed) return false;
    try {
      channel.postMessage(message);
      return true;
    } catch {
      return false; // not cloneable, or the channel is gone
    }
  };
  const lost = (why: string) => new TransportError(name, 'network', why, { retryable: true });
  const rejectPending = (error: TransportError) => {
    for (const [id, call] of pending) {
      if (call.timer !== undefined) clearTimeout(call.timer);
      pending.delete(id);
      call.reject(error);
    }
  };
  const snapshotNow = (): SessionSnapshot => (leader && innerStart ? inner.snapshot() : (lastSnapshot ?? {}));
  const leaderState = (): LeaderState => ({ snapshot: snapshotNow(), status: sticky.status(), sticky: sticky.events() });

  // ---- leader side ----

  const startInner = (): Promise<SessionSnapshot> | null => {
    if (!ctx || closed) return null;
    const resume = lastSnapshot ?? ctx.resume;
    innerStart ??= inner.connect({ ...ctx, ...(resume ? { resume } : {}) }).then(
      (session) => {
        lastSnapshot = session;
        return session;
      },
      (error: unknown) => {
        innerStart = null;
        throw error;
      },
    );
    return innerStart;
  };

  const onInner = (event: TransportEvent) => {
    if (!leader || closed) return;
    sticky.remember(event);
    post({ t: 'event', from: tabId, event, snapshot: snapshotNow() });
    emitLocal(event);
  };
  const offInner = inner.on(onInner);

  const run = async (method: CallMethod, args: unknown[], id: string, from: string): Promise<unknown> => {
    const need = <T>(fn: T | undefined): T => {
      if (!fn) throw new TransportError(name, 'unsupported', `${method} is not supported by this backend`, { retryable: false });
      return fn;
    };
    switch (method) {
      case 'hello': {
        const theirs = args[0] as ConnectContext | undefined;
        if (!ctx && theirs) ctx = theirs;
        void startInner()?.catch(() => undefined);
        return leaderState();
      }
      case 'send':
        return inner.send(args[0] as OutgoingMessage);
      case 'fetchHistory':
        return need(inner.fetchHistory)(args[0] as { before?: string; limit?: number });
      case 'markRead':
        return need(inner.markRead)(args[0] as number);
      case 'requestHandoff':
        return need(inner.requestHandoff)(args[0] as { reason?: string; topic?: string });
      case 'submitVerification':
        return need(inner.submitVerification)(args[0] as string, args[1] as string);
      case 'closeConversation':
        return need(inner.closeConversation)();
      case 'rate':
        return need(inner.rate)(args[0] as number, args[1] as string | undefined);
      case 'upload': {
        const abort = new AbortController();
        uploads.set(id, abort);
        try {
          return await need(inner.upload)(args[0] as Blob & { name?: string }, {
            signal: abort.signal,
            onProgress: ({ loaded, total }) => void post({ t: 'progress', id, to: from, loaded, total }),
          });
        } finally {
          uploads.delete(id);
        }
      }
    }
  };

  const answer = (message: Extract<TabMessage, { t: 'call' }>) => {
    run(message.method, message.args, message.id, message.from).then(
      (value) => post({ t: 'reply', id: message.id, from: tabId, to: message.from, ok: true, value }),
      (error: unknown) => post({ t: 'reply', id: message.id, from: tabId, to: message.from, ok: false, error: errorToInfo(name, error) }),
    );
  };

  // ---- follower side ----

  const call = <T>(
    method: CallMethod,
    args: unknown[],
    opts: { timeoutMs?: number; onProgress?: PendingCall['onProgress']; signal?: AbortSignal } = {},
  ): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (closed) {
        reject(new TransportError(name, 'closed', 'disconnected', { retryable: false }));
        return;
      }
      const id = createId();
      const timeoutMs = opts.timeoutMs ?? callTimeoutMs;
      const entry: PendingCall = {
        resolve: resolve as (value: unknown) => void,
        reject,
        timer:
          timeoutMs > 0
            ? setTimeout(() => {
                pending.delete(id);
                reject(lost('the tab that holds the connection did not answer'));
              }, timeoutMs)
            : undefined,
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      };
      pending.set(id, entry);
      opts.signal?.addEventListener('abort', () => {
        if (!pending.has(id)) return;
        post({ t: 'abort', id, from: tabId });
        if (entry.timer !== undefined) clearTimeout(entry.timer);
        pending.delete(id);
        reject(new TransportError(name, 'closed', 'upload aborted', { retryable: false }));
      });
      const to = method === 'hello' ? undefined : leaderId;
      if (!post({ t: 'call', id, from: tabId, ...(to ? { to } : {}), method, args })) {
        if (entry.timer !== undefined) clearTimeout(entry.timer);
        pending.delete(id);
        reject(new TransportError(name, 'invalid', `${method}: could not pass the call to the tab that holds the connection`, { retryable: false }));
      }
    });

  const settleWaiter = () => {
    const status = sticky.status();
    if (needResync && status.status === 'online') {
      needResync = false;
      // The saved history may be older than the leader's: let the chat fetch the tail.
      emitLocal({ type: 'resync', reason: 'joined the tab that holds the connection' });
    }
    if (!waiter) return;
    const w = waiter;
    if (status.status === 'online') {
      waiter = undefined;
      w.resolve(snapshotNow());
    } else if (status.status === 'failed' || status.status === 'ended') {
      waiter = undefined;
      w.reject(status.error ? infoToError(name, status.error) : lost('the tab that holds the connection could not connect'));
    }
  };

  const followEvent = (event: TransportEvent) => {
    sticky.remember(event);
    emitLocal(event.type === 'status' ? { ...event, status: followerStatus(event.status) } : event);
    if (event.type === 'status') settleWaiter();
  };

  const applyLeaderState = (state: LeaderState) => {
    lastSnapshot = state.snapshot;
    for (const event of state.sticky) {
      sticky.remember(event);
      emitLocal(event);
    }
    followEvent(state.status);
  };

  const hello = () => {
    if (helloing || leader || closed || !ctx) return;
    helloing = true;
    const plainCtx = ctx;
    call<LeaderState>('hello', [plainCtx], { timeoutMs: helloRetryMs }).then(
      (state) => {
        helloing = false;
        if (leader || closed) return;
        needResync = true;
        applyLeaderState(state);
      },
      () => {
        helloing = false;
        if (leader || closed) return;
        helloTimer = setTimeout(() => {
          helloTimer = undefined;
          hello();
        }, 0);
      },
    );
  };

  const via = <T>(method: CallMethod, args: unknown[], local: () => Promise<T>): Promise<T> => (leader ? local() : call<T>(method, args));

  // ---- channel and election ----

  channel.onmessage = (e: MessageEvent) => {
    const m = e.data as TabMessage | null;
    if (!m || typeof m !== 'object' || closed) return;
    switch (m.t) {
      case 'call':
        if (leader && (m.to === undefined || m.to === tabId)) answer(m);
        return;
      case 'notify':
        if (!leader || (m.to !== undefined && m.to !== tabId)) return;
        if (m.method === 'setTyping') inner.setTyping?.(m.args[0] === true);
        else inner.checkAlive?.(m.args[0] as LivenessReason | undefined);
        return;
      case 'abort':
        uploads.get(m.id)?.abort();
        return;
      case 'reply': {
        if (m.to !== tabId) return;
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        if (p.timer !== undefined) clearTimeout(p.timer);
        leaderId = m.from;
        if (m.ok) p.resolve(m.value);
        else p.reject(infoToError(name, m.error));
        return;
      }
      case 'progress':
        if (m.to === tabId) pending.get(m.id)?.onProgress?.({ loaded: m.loaded, total: m.total });
        return;
      case 'event':
        if (leader) return;
        leaderId = m.from;
        lastSnapshot = m.snapshot;
        followEvent(m.event);
        return;
      case 'leader':
        if (leader) return;
        if (leaderId !== m.from) rejectPending(lost('the tab that held the connection went away'));
        leaderId = m.from;
        applyLeaderState(m.state);
        if (m.state.status.status === 'idle') hello(); // it has not connected yet: give it our context
        return;
    }
  };

  const offElection = election.onChange((isLeader) => {
    if (closed || isLeader === leader) return;
    leader = isLeader;
    if (isLeader) {
      leaderId = tabId;
      if (helloTimer !== undefined) clearTimeout(helloTimer);
      helloTimer = undefined;
      rejectPending(lost('the tab that held the connection went away'));
      const start = startInner();
      if (start && waiter) {
        const w = waiter;
        waiter = undefined;
        start.then(w.resolve, (error: unknown) => w.reject(infoToError(name, errorToInfo(name, error))));
      }
      start?.catch(() => undefined);
      post({ t: 'leader', from: tabId, state: leaderState() });
    } else {
      leaderId = undefined;
      innerStart = null;
      void inner.disconnect().catch(() => undefined);
      emitLocal({ type: 'status', status: 'reconnecting' });
      hello();
    }
  });

  const transport: Transport & TabTransport = {
    name,
    get capabilities() {
      return inner.capabilities;
    },
    get isLeader() {
      return leader;
    },
    connect(context) {
      if (closed) return Promise.reject(new TransportError(name, 'closed', 'disconnected', { retryable: false }));
      ctx = context;
      lastSnapshot ??= context.resume;
      if (leader) return startInner()!;
      return new Promise<SessionSnapshot>((resolve, reject) => {
        waiter?.reject(new TransportError(name, 'closed', 'connect() called again', { retryable: true }));
        waiter = { resolve, reject };
        if (sticky.status().status === 'online' && leaderId !== undefined) settleWaiter();
        hello();
      });
    },
    async disconnect() {
      if (closed) return;
      const wasLeader = leader;
      const started = innerStart !== null;
      closed = true;
      if (helloTimer !== undefined) clearTimeout(helloTimer);
      helloTimer = undefined;
      const bye = new TransportError(name, 'closed', 'disconnected', { retryable: false });
      rejectPending(bye);
      waiter?.reject(bye);
      waiter = undefined;
      for (const abort of uploads.values()) abort.abort();
      offElection();
      offInner();
      election.destroy();
      channel.onmessage = null;
      channel.close();
      leader = false;
      emitLocal({ type: 'status', status: 'idle' });
      listeners.clear();
      if (wasLeader || started) await inner.disconnect().catch(() => undefined);
    },
    on(listener): Unsubscribe {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    snapshot: snapshotNow,
    send: (message) => via<SendReceipt>('send', [message], () => inner.send(message)),
    ...(inner.fetchHistory
      ? { fetchHistory: (query: { before?: string; limit?: number }) => via<HistoryPage>('fetchHistory', [query], () => inner.fetchHistory!(query)) }
      : {}),
    ...(inner.markRead ? { markRead: (upTo: number) => via<void>('markRead', [upTo], () => inner.markRead!(upTo)) } : {}),
    ...(inner.requestHandoff
      ? { requestHandoff: (req?: { reason?: string; topic?: string }) => via<void>('requestHandoff', [req ?? {}], () => inner.requestHandoff!(req)) }
      : {}),
    ...(inner.submitVerification
      ? {
          submitVerification: (challengeId: string, code: string) =>
            via<VerificationResult>('submitVerification', [challengeId, code], () => inner.submitVerification!(challengeId, code)),
        }
      : {}),
    ...(inner.closeConversation ? { closeConversation: () => via<void>('closeConversation', [], () => inner.closeConversation!()) } : {}),
    ...(inner.rate ? { rate: (score: number, comment?: string) => via<void>('rate', [score, comment], () => inner.rate!(score, comment)) } : {}),
    ...(inner.upload
      ? {
          upload: (file: Blob & { name?: string }, opts: UploadOptions = {}): Promise<AttachmentRef> => {
            if (leader) return inner.upload!(file, opts);
            // The leader holds the session the upload needs; progress and abort travel too.
            return call<AttachmentRef>('upload', [file], {
              timeoutMs: 0,
              ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
              ...(opts.signal ? { signal: opts.signal } : {}),
            });
          },
        }
      : {}),
    ...(inner.setTyping
      ? {
          setTyping: (on: boolean) => {
            if (leader) inner.setTyping!(on);
            else post({ t: 'notify', from: tabId, ...(leaderId ? { to: leaderId } : {}), method: 'setTyping' satisfies NotifyMethod, args: [on] });
          },
        }
      : {}),
    checkAlive(reason) {
      if (closed) return;
      if (leader) inner.checkAlive?.(reason);
      else post({ t: 'notify', from: tabId, ...(leaderId ? { to: leaderId } : {}), method: 'checkAlive', args: [reason] });
    },
  };
  return transport;
}
