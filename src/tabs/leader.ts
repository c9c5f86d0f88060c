/**
 * Leader election between the tabs of one origin: exactly one tab (the leader) holds the chat's
 * connection. Uses Web Locks when the browser has them (the lock is held while leader; a waiting
 * request is granted the moment the leader tab closes), else a BroadcastChannel heartbeat (the
 * leader announces every second; followers take over after ~3 s of silence, at once after the
 * leader says goodbye), else every tab is its own leader.
 * @module
 */
import { createId } from '../core/ids';
import type { Unsubscribe } from '../core/transport';

/** The subset of the Web Locks API the election uses. */
export interface LockManagerLike {
  request(
    name: string,
    options: { mode?: 'exclusive' | 'shared'; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<unknown>;
}

/** The subset of BroadcastChannel the tabs code uses. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

/** A BroadcastChannel constructor. */
export type ChannelConstructor = new (name: string) => ChannelLike;

/** How this tab takes part in the election. */
export type ElectionMode = 'locks' | 'heartbeat' | 'solo';

/** Options of {@link createLeaderElection}; the defaults read the browser's globals. */
export interface LeaderElectionOptions {
  /** Web Locks; `null` forces the heartbeat fallback. @default navigator.locks */
  locks?: LockManagerLike | null;
  /** BroadcastChannel; `null` (and no locks) makes every tab its own leader. @default globalThis.BroadcastChannel */
  BroadcastChannel?: ChannelConstructor | null;
  /** Heartbeat fallback: how often the leader announces itself, ms. @default 1000 */
  heartbeatMs?: number;
  /** Heartbeat fallback: silence after which a follower takes over, ms. @default 3000 */
  timeoutMs?: number;
  /** Heartbeat fallback: how long a new tab listens for a leader before claiming, ms. @default 150 */
  probeMs?: number;
  /** Window for `pagehide`/`pageshow` (heartbeat fallback hands over on pagehide). @default globalThis.window */
  window?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null;
}

/** A running election. */
export interface LeaderElection {
  /** Random id of this tab (crypto). */
  readonly tabId: string;
  /** Which mechanism is in use. */
  readonly mode: ElectionMode;
  /** True while this tab is the leader. */
  readonly isLeader: boolean;
  /** Calls `listener` whenever `isLeader` changes. */
  onChange(listener: (isLeader: boolean) => void): Unsubscribe;
  /** Gives up leadership (another tab takes over at once) and releases the lock, channel and timers. */
  destroy(): void;
}

type Beat = { t: 'hb'; id: string; since: number } | { t: 'probe'; id: string } | { t: 'bye'; id: string };

function defaultLocks(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : null;
}

function defaultChannel(): ChannelConstructor | null {
  const C = (globalThis as { BroadcastChannel?: ChannelConstructor }).BroadcastChannel;
  return typeof C === 'function' ? C : null;
}

/** A random delay in [0, max) ms from crypto (spreads simultaneous takeovers). */
function jitter(max: number): number {
  const b = new Uint32Array(1);
  globalThis.crypto.getRandomValues(b);
  return (b[0]! / 2 ** 32) * max;
}

/**
 * Starts an election among the tabs that use the same `name` (same origin).
 * @example
 * const election = createLeaderElection('support-chat:leader:site:anon:default');
 * election.onChange((leader) => console.log(leader ? 'this tab connects' : 'another tab connects'));
 */
export function createLeaderElection(name: string, options: LeaderElectionOptions = {}): LeaderElection {
  const locks = options.locks === undefined ? defaultLocks() : options.locks;
  const Channel = options.BroadcastChannel === undefined ? defaultChannel() : options.BroadcastChannel;
  const mode: ElectionMode = locks ? 'locks' : Channel ? 'heartbeat' : 'solo';
  const tabId = createId();
  const listeners = new Set<(isLeader: boolean) => void>();
  let leader = false;
  let destroyed = false;
  let stop: () => void = () => undefined;

  const setLeader = (next: boolean) => {
    if (leader === next) return;
    leader = next;
    for (const listener of [...listeners]) {
      try {
        listener(next);
      } catch {
        // One listener's bug must not stop the others.
      }
    }
  };

  if (mode === 'solo') {
    leader = true;
  } else if (mode === 'locks') {
    const abort = new AbortController();
    let release: (() => void) | undefined;
    locks!
      .request(
        name,
        { mode: 'exclusive', signal: abort.signal },
        () =>
          new Promise<void>((resolve) => {
            release = resolve;
            if (destroyed) resolve();
            else setLeader(true);
          }),
      )
      .catch(() => undefined); // AbortError after destroy()
    stop = () => {
      abort.abort();
      release?.();
    };
  } else {
    stop = heartbeat(name, tabId, Channel!, options, setLeader, () => leader);
  }

  return {
    tabId,
    mode,
    get isLeader() {
      return leader;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      listeners.clear();
      stop();
      leader = false;
    },
  };
}

/** The BroadcastChannel heartbeat fallback; returns its stop function. */
function heartbeat(
  name: string,
  tabId: string,
  Channel: ChannelConstructor,
  options: LeaderElectionOptions,
  setLeader: (leader: boolean) => void,
  isLeader: () => boolean,
): () => void {
  const beatMs = options.heartbeatMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 3000;
  const probeMs = options.probeMs ?? 150;
  const win = options.window === undefined ? ((globalThis as { window?: LeaderElectionOptions['window'] }).window ?? null) : options.window;
  const channel = new Channel(`${name}:election`);
  let since = 0;
  let beatTimer: ReturnType<typeof setInterval> | undefined;
  let watchTimer: ReturnType<typeof setTimeout> | undefined;
  let hidden = false;

  const post = (beat: Beat) => {
    try {
      channel.postMessage(beat);
    } catch {
      // Channel closed: nothing to tell.
    }
  };
  const watch = (ms: number) => {
    if (watchTimer !== undefined) clearTimeout(watchTimer);
    watchTimer = setTimeout(claim, ms);
  };
  const claim = () => {
    watchTimer = undefined;
    if (isLeader() || hidden) return;
    since = Date.now();
    post({ t: 'hb', id: tabId, since });
    beatTimer = setInterval(() => post({ t: 'hb', id: tabId, since }), beatMs);
    setLeader(true);
  };
  const stepDown = () => {
    if (beatTimer !== undefined) clearInterval(beatTimer);
    beatTimer = undefined;
    setLeader(false);
  };

  channel.onmessage = (event: MessageEvent) => {
    const beat = event.data as Beat | null;
    if (!beat || typeof beat !== 'object' || beat.id === tabId || hidden) return;
    if (beat.t === 'probe') {
      if (isLeader()) post({ t: 'hb', id: tabId, since });
    } else if (beat.t === 'bye') {
      if (!isLeader()) watch(jitter(300));
    } else if (beat.t === 'hb') {
      // Two leaders (a race): the older one stays; on a tie the smaller id stays.
      if (isLeader() && (since < beat.since || (since === beat.since && tabId < beat.id))) return;
      if (isLeader()) stepDown();
      watch(timeoutMs);
    }
  };

  const onPageHide = () => {
    // Into the back/forward cache or closing: hand over now rather than after the timeout.
    hidden = true;
    if (watchTimer !== undefined) clearTimeout(watchTimer);
    watchTimer = undefined;
    if (isLeader()) post({ t: 'bye', id: tabId });
    stepDown();
  };
  const onPageShow = (event: Event) => {
    if (!hidden && !(event as PageTransitionEvent).persisted) return;
    hidden = false;
    post({ t: 'probe', id: tabId });
    watch(probeMs);
  };
  win?.addEventListener('pagehide', onPageHide);
  win?.addEventListener('pageshow', onPageShow);

  post({ t: 'probe', id: tabId });
  watch(probeMs);

  return () => {
    win?.removeEventListener('pagehide', onPageHide);
    win?.removeEventListener('pageshow', onPageShow);
    if (watchTimer !== undefined) clearTimeout(watchTimer);
    watchTimer = undefined;
    if (isLeader()) post({ t: 'bye', id: tabId });
    if (beatTimer !== undefined) clearInterval(beatTimer);
    beatTimer = undefined;
    channel.onmessage = null;
    channel.close();
  };
}
