/**
 * The follower's RPC to the leader tab: each call is a `call` message answered by a `reply`
 * (uploads also by `progress`), with a timeout; an aborted upload tells the leader to stop.
 * @module
 */
import { TransportError } from '../core/errors';
import { createId } from '../core/ids';
import { infoToError, type CallMethod, type TabMessage } from './protocol';
import { lostError, type TabShared } from './tab-shared';

/** Per-call options. */
export interface CallOptions {
  /** 0: no timeout (uploads). @default the transport's callTimeoutMs */
  timeoutMs?: number;
  onProgress?: (progress: { loaded: number; total: number }) => void;
  signal?: AbortSignal;
}

/** Calls in flight from this tab. */
export interface TabCalls {
  call<T>(method: CallMethod, args: unknown[], opts?: CallOptions): Promise<T>;
  /** Settles the call a reply is for. */
  reply(message: Extract<TabMessage, { t: 'reply' }>): void;
  progress(message: Extract<TabMessage, { t: 'progress' }>): void;
  rejectAll(error: TransportError): void;
}

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: TransportError): void;
  timer: ReturnType<typeof setTimeout> | undefined;
  onProgress?: CallOptions['onProgress'];
}

/** Creates the table of calls. */
export function createTabCalls(s: TabShared, callTimeoutMs: number): TabCalls {
  const pending = new Map<string, PendingCall>();
  const drop = (id: string, entry: PendingCall) => {
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    pending.delete(id);
  };
  const call = <T>(method: CallMethod, args: unknown[], opts: CallOptions = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (s.closed) return reject(new TransportError(s.name, 'closed', 'disconnected', { retryable: false }));
      const id = createId();
      const timeoutMs = opts.timeoutMs ?? callTimeoutMs;
      const entry: PendingCall = {
        resolve: resolve as (value: unknown) => void,
        reject,
        timer:
          timeoutMs > 0
            ? setTimeout(() => {
                pending.delete(id);
                reject(lostError(s, 'the tab that holds the connection did not answer'));
              }, timeoutMs)
            : undefined,
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      };
      pending.set(id, entry);
      opts.signal?.addEventListener('abort', () => {
        if (!pending.has(id)) return;
        s.post({ t: 'abort', id, from: s.tabId });
        drop(id, entry);
        reject(new TransportError(s.name, 'closed', 'upload aborted', { retryable: false }));
      });
      // A hello goes to whoever leads; everything else to the leader that answered last.
      const to = method === 'hello' ? undefined : s.leaderId;
      if (!s.post({ t: 'call', id, from: s.tabId, ...(to ? { to } : {}), method, args })) {
        drop(id, entry);
        reject(
          new TransportError(s.name, 'invalid', `${method}: could not pass the call to the tab that holds the connection`, {
            retryable: false,
          }),
        );
      }
    });
  return {
    call,
    reply(m) {
      if (m.to !== s.tabId) return;
      const entry = pending.get(m.id);
      if (!entry) return;
      drop(m.id, entry);
      s.leaderId = m.from;
      if (m.ok) entry.resolve(m.value);
      else entry.reject(infoToError(s.name, m.error));
    },
    progress(m) {
      if (m.to === s.tabId) pending.get(m.id)?.onProgress?.({ loaded: m.loaded, total: m.total });
    },
    rejectAll(error) {
      for (const [id, entry] of [...pending]) {
        drop(id, entry);
        entry.reject(error);
      }
    },
  };
}
