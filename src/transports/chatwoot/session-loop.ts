/**
 * The Chatwoot connection's life: open the session over REST (retrying what may pass, failing on
 * a refusal), subscribe to the room, report `status`, and after every reconnect backfill over
 * REST from the newest message seen before the drop (pages back until they reach it, or `resync`).
 * @module
 */
import { backoffCurve } from '../../core/backoff';
import { TransportError, toTransportError } from '../../core/errors';
import type { ConnectionStatus } from '../../core/model';
import type { SessionSnapshot, TransportEvent } from '../../core/transport';
import type { Cable } from './cable';
import type { Inbound } from './inbound';
import type { ChatwootRest } from './rest';
import type { ChatwootSession } from './session';
import { backfill } from './backfill';

const NAME = 'chatwoot';

export interface SessionLoopHost {
  rest: ChatwootRest;
  inbound: Inbound;
  cable: Cable;
  setStatus(
    status: ConnectionStatus,
    extra?: { retryInMs?: number; error?: { code: TransportError['code']; message: string; retryable: boolean } },
  ): void;
  emit(e: TransportEvent): void;
  current(): ChatwootSession | null;
}

const info = (e: TransportError) => ({ code: e.code, message: e.message, retryable: e.retryable });

export function createSessionLoop(host: SessionLoopHost) {
  const { rest, inbound, cable } = host;
  /** Newest message id known before the drop; undefined while nothing is owed. */
  let since: number | undefined;
  let first: { resolve(): void; reject(e: unknown): void } | null = null;
  let stopped = false;

  const catchUp = () => {
    const s = host.current();
    if (!s || since === undefined) return;
    const from = since;
    since = undefined;
    void backfill(rest, inbound, s, from, host.emit, () => stopped);
  };

  return {
    /** Opens the session, retrying retryable failures with backoff (status `reconnecting`). */
    async open(
      make: () => Promise<ChatwootSession>,
      resume: SessionSnapshot | undefined,
      isStopped: () => boolean,
    ): Promise<ChatwootSession> {
      for (let attempt = 0; ; attempt++) {
        try {
          if (isStopped()) throw new TransportError(NAME, 'closed', 'transport was disconnected', { retryable: false });
          const s = await make();
          if (resume?.conversationId && resume.conversationId !== s.conversationId)
            host.emit({ type: 'resync', reason: 'a new conversation' });
          else if (resume?.cursor && /^\d+$/.test(resume.cursor)) {
            inbound.setLastId(Number(resume.cursor));
            since = Number(resume.cursor);
          }
          // A new conversation's first messages (a greeting) may come before the subscription.
          if (s.created) since = 0;
          inbound.status(s.status);
          return s;
        } catch (error) {
          const e = toTransportError(NAME, error);
          if (isStopped()) throw new TransportError(NAME, 'closed', 'transport was disconnected', { retryable: false });
          if (!e.retryable) {
            host.setStatus('failed', { error: info(e) });
            throw e;
          }
          const wait = backoffCurve(attempt, { minDelayMs: 500, maxDelayMs: 15_000 });
          host.setStatus('reconnecting', { retryInMs: wait, error: info(e) });
          await new Promise((r) => setTimeout(r, wait));
        }
      }
    },
    /** Subscribes; resolves on the first confirmation, rejects when refused or stopped first. */
    online(token: string): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        first = { resolve, reject };
        cable.start(token);
      });
    },
    subscribed() {
      host.setStatus('online');
      first?.resolve();
      first = null;
      catchUp();
    },
    down(retryInMs: number | undefined) {
      if (stopped) return;
      since ??= inbound.lastId;
      if (retryInMs !== undefined) host.setStatus('reconnecting', { retryInMs });
    },
    refused(reason: string) {
      const e = new TransportError(NAME, 'auth', reason, { retryable: false });
      host.setStatus('failed', { error: info(e) });
      if (first) first.reject(e);
      else host.emit({ type: 'error', error: info(e) });
      first = null;
    },
    stop() {
      stopped = true;
      first?.reject(new TransportError(NAME, 'closed', 'transport was disconnected', { retryable: false }));
      first = null;
    },
  };
}
