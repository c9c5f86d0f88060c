/**
 * The leader tab's side of a tab transport: it connects the real transport, broadcasts its
 * events, and runs the other tabs' calls (uploads with progress and abort).
 * @module
 */
import { TransportError } from '../core/errors';
import type { LeaveContactRequest } from '../core/model';
import type {
  ConnectContext,
  ConversationTarget,
  LivenessReason,
  OutgoingMessage,
  SessionSnapshot,
  TransportEvent,
  ProfileUpdate,
} from '../core/transport';
import { errorToInfo, type CallMethod, type TabMessage } from './protocol';
import { leaderStateOf, snapshotNow, type TabShared } from './tab-shared';

/** What the leader does. */
export interface LeaderSide {
  /** Connects the inner transport once (with the last session heard of); null without a context. */
  startInner(): Promise<SessionSnapshot> | null;
  /** An event of the inner transport (only acted on while leading). */
  onInner(event: TransportEvent): void;
  /** A call from another tab. */
  answer(message: Extract<TabMessage, { t: 'call' }>): void;
  /** A fire-and-forget request from another tab. */
  notify(message: Extract<TabMessage, { t: 'notify' }>): void;
  /** Another tab aborted its upload. */
  abort(id: string): void;
  /** Aborts every upload run for other tabs. */
  abortAll(): void;
}

const need = <T>(s: TabShared, method: CallMethod, fn: T | undefined): T => {
  if (!fn) throw new TransportError(s.name, 'unsupported', `${method} is not supported by this backend`, { retryable: false });
  return fn;
};

/** Runs another tab's upload here, passing progress back and stopping when that tab aborts. */
async function runUpload(s: TabShared, uploads: Map<string, AbortController>, file: unknown, id: string, from: string) {
  const abort = new AbortController();
  uploads.set(id, abort);
  try {
    return await need(
      s,
      'upload',
      s.inner.upload,
    )(file as Blob & { name?: string }, {
      signal: abort.signal,
      onProgress: ({ loaded, total }) => void s.post({ t: 'progress', id, to: from, loaded, total }),
    });
  } finally {
    uploads.delete(id);
  }
}

/** Runs another tab's call on the inner transport. */
async function runCall(
  s: TabShared,
  uploads: Map<string, AbortController>,
  startInner: () => Promise<SessionSnapshot> | null,
  m: Extract<TabMessage, { t: 'call' }>,
): Promise<unknown> {
  const { inner } = s;
  const { method, args } = m;
  switch (method) {
    case 'hello': {
      const theirs = args[0] as ConnectContext | undefined;
      if (!s.ctx && theirs) s.ctx = theirs;
      void startInner()?.catch(() => undefined);
      return leaderStateOf(s);
    }
    case 'send':
      return inner.send(args[0] as OutgoingMessage);
    case 'fetchHistory':
      return need(s, method, inner.fetchHistory)(args[0] as { before?: string; limit?: number });
    case 'markRead':
      return need(s, method, inner.markRead)(args[0] as number);
    case 'requestHandoff':
      return need(s, method, inner.requestHandoff)(args[0] as { reason?: string; topic?: string });
    case 'cancelHandoff':
      return need(s, method, inner.cancelHandoff)();
    case 'handoffPreview':
      return need(s, method, inner.handoffPreview)();
    case 'setHandoffNote':
      return need(s, method, inner.setHandoffNote)(String(args[0]));
    case 'submitVerification':
      return need(s, method, inner.submitVerification)(args[0] as string, args[1] as string);
    case 'resendVerification':
      return need(s, method, inner.resendVerification)(args[0] as string);
    case 'skipVerification':
      return need(s, method, inner.skipVerification)(args[0] as string);
    case 'closeConversation':
      return need(s, method, inner.closeConversation)();
    case 'rate':
      return need(s, method, inner.rate)(args[0] as number, args[1] as string | undefined);
    case 'leaveContact':
      return need(s, method, inner.leaveContact)(args[0] as LeaveContactRequest);
    case 'upload':
      return runUpload(s, uploads, args[0], m.id, m.from);
    case 'openConversation':
      return need(s, method, inner.openConversation)(args[0] as ConversationTarget);
    case 'listConversations':
      return need(s, method, inner.listConversations)();
    case 'updateProfile':
      return need(s, method, inner.updateProfile)(args[0] as ProfileUpdate);
  }
}

/** Creates the leader side over `s`. */
export function createLeaderSide(s: TabShared): LeaderSide {
  const { inner, name } = s;
  const uploads = new Map<string, AbortController>();

  const startInner = (): Promise<SessionSnapshot> | null => {
    if (!s.ctx || s.closed) return null;
    const resume = s.lastSnapshot ?? s.ctx.resume;
    s.innerStart ??= inner.connect({ ...s.ctx, ...(resume ? { resume } : {}) }).then(
      (session) => {
        s.lastSnapshot = session;
        return session;
      },
      (error: unknown) => {
        s.innerStart = null;
        throw error;
      },
    );
    return s.innerStart;
  };

  return {
    startInner,
    onInner(event) {
      if (!s.leader || s.closed) return;
      s.sticky.remember(event);
      s.post({ t: 'event', from: s.tabId, event, snapshot: snapshotNow(s) });
      s.emitLocal(event);
    },
    answer(m) {
      if (!s.leader || (m.to !== undefined && m.to !== s.tabId)) return;
      runCall(s, uploads, startInner, m).then(
        (value) => s.post({ t: 'reply', id: m.id, from: s.tabId, to: m.from, ok: true, value }),
        (error: unknown) => s.post({ t: 'reply', id: m.id, from: s.tabId, to: m.from, ok: false, error: errorToInfo(name, error) }),
      );
    },
    notify(m) {
      if (!s.leader || (m.to !== undefined && m.to !== s.tabId)) return;
      if (m.method === 'setTyping') inner.setTyping?.(m.args[0] === true);
      else inner.checkAlive?.(m.args[0] as LivenessReason | undefined);
    },
    abort: (id) => uploads.get(id)?.abort(),
    abortAll() {
      for (const abort of uploads.values()) abort.abort();
    },
  };
}
