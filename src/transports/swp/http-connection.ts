/**
 * The connection state of the HTTP transport: `POST /sessions` (the HTTP hello) with retries,
 * the status it reports, and the poll loop it runs while connected. `disconnect()` aborts every
 * request of the connection and cuts any backoff wait short.
 * @module
 */
import { TransportError } from '../../core/errors';
import type { Capabilities } from '../../core/model';
import {
  withProfile,
  type ConnectContext,
  type ConversationTarget,
  type IdentitySignature,
  type ProfileUpdate,
  type SessionSnapshot,
  type TransportEvent,
} from '../../core/transport';
import { backoffCurve as backoffDelay, type BackoffOptions } from '../../core/backoff';
import { SWP_DEFAULT_CAPABILITIES } from '../../protocol/capabilities';
import { decodeWelcome } from './decode';
import type { SessionRequest, WelcomeFrame } from './frames';
import type { HttpClient } from './http-client';
import { MAX_RETRY_AFTER_MS } from './http-errors';
import { pollLoop, type PollDeps } from './http-poll';
import { isRecord } from '../../protocol/json';
import { errorInfoOf } from './map';
import type { SwpSession } from './session';
import { clientInfo } from './client-info';

/** Where the HTTP connection stands. */
export type HttpPhase = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'failed';

/** A wait that the connection's end cuts short (false) and `checkAlive` ends early (true). */
export function createPause() {
  let wake: (() => void) | undefined;
  let cancel: (() => void) | undefined;
  const pause = (ms: number, signal: AbortSignal): Promise<boolean> =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve(false);
      const timer = setTimeout(() => done(true), ms);
      const onAbort = () => done(false);
      const done = (value: boolean) => {
        clearTimeout(timer);
        wake = cancel = undefined;
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      wake = () => done(true);
      cancel = () => done(false);
    });
  return { pause, wake: () => wake?.(), cancel: () => cancel?.() };
}

/** `POST /sessions`: applies the welcome to `session` and returns the server's capabilities. */
export async function openSession(
  client: HttpClient,
  session: SwpSession,
  ctx: ConnectContext,
  signal: AbortSignal,
): Promise<Capabilities> {
  const resume = session.resumeRequest();
  const body: SessionRequest = {
    ...(session.token !== undefined ? { token: session.token } : {}),
    user: ctx.user,
    client: clientInfo(ctx.locale),
    ...(resume ? { resume } : {}),
    ...(session.openRequest() ? { open: session.openRequest() } : {}),
    ...(ctx.metadata ? { metadata: ctx.metadata } : {}),
  };
  const raw = await client.call('sessions', { method: 'post', json: body }, signal);
  const result = isRecord(raw) ? decodeWelcome(raw) : undefined;
  if (result?.kind !== 'frame' || result.frame.t !== 'welcome') throw client.bad('session');
  const welcome = result.frame as WelcomeFrame;
  // Long-polling delivers events as they happen, so the server's `realtime` stands.
  const capabilities = { ...SWP_DEFAULT_CAPABILITIES, ...welcome.capabilities };
  session.applyWelcome(welcome, resume !== undefined);
  return capabilities;
}

/** What the connection works with. */
export interface HttpConnectionDeps {
  name: string;
  client: HttpClient;
  session: SwpSession;
  pollWaitSeconds: number;
  backoff: BackoffOptions | undefined;
  emit(event: TransportEvent): void;
  /** The conversation to poll (throws when there is none). */
  conversation(): string;
}

/** One HTTP transport's connection, reused across `connect()` calls. */
export class HttpConnection {
  phase: HttpPhase = 'idle';
  capabilities: Capabilities = { ...SWP_DEFAULT_CAPABILITIES };
  /** Aborts every request of the current connection; replaced on each connect(). */
  private life = new AbortController();
  private ctx: ConnectContext | undefined;
  private readonly waits = createPause();
  /** Aborts the current poll loop (a conversation switch starts another). */
  private polling = new AbortController();
  private readonly summaries: { since?: string } = {};

  constructor(private readonly deps: HttpConnectionDeps) {}

  get signal(): AbortSignal {
    return this.life.signal;
  }

  async connect(ctx: ConnectContext): Promise<SessionSnapshot> {
    const { name, session } = this.deps;
    if (this.phase !== 'idle' && this.phase !== 'failed') {
      throw new TransportError(name, 'invalid', 'connect() called twice; disconnect() first', { retryable: false });
    }
    this.ctx = ctx;
    session.restore(ctx.resume);
    this.life = new AbortController();
    const signal = this.life.signal;
    this.setStatus('connecting', { status: 'connecting' });
    await this.start(ctx, signal);
    // disconnect() (and maybe a new connect()) came while the session answer was on its way.
    if (signal.aborted) throw new TransportError(name, 'closed', 'disconnected before the connection was ready', { retryable: false });
    this.setStatus('online', { status: 'online' });
    this.poll(signal);
    return session.snapshot();
  }

  /** Several conversations: a new session request for `target`; the poll moves to its conversation. */
  async switchTo(target: ConversationTarget): Promise<void> {
    const { name, session } = this.deps;
    if (this.phase !== 'online' || !this.ctx) throw new TransportError(name, 'network', 'not connected', { retryable: true });
    const opened = session.requestOpen(name, target, 30_000);
    try {
      await this.open(this.ctx, this.life.signal);
    } catch (error) {
      session.cancelOpen(error as Error);
    }
    await opened;
    this.poll(this.life.signal);
  }

  /** (Re)starts the poll loop; the previous one is aborted (its answer is dropped). */
  private poll(life: AbortSignal): void {
    // A loop started on a life already over would never be stopped (its abort event has passed).
    if (life.aborted) return;
    this.polling.abort();
    const controller = new AbortController();
    this.polling = controller;
    life.addEventListener('abort', () => controller.abort(), { once: true });
    void pollLoop(this.pollDeps(controller.signal), controller.signal);
  }

  disconnect(): void {
    const wasActive = this.phase !== 'idle';
    this.life.abort();
    this.waits.cancel();
    this.phase = 'idle';
    if (wasActive) this.deps.emit({ type: 'status', status: 'idle' });
  }

  /** A fresh identity signature: every later session request carries it. */
  setIdentity(identity: IdentitySignature): void {
    if (this.ctx) this.ctx = { ...this.ctx, user: { ...this.ctx.user, ...identity } };
  }

  /** A change of profile or language: every later session request carries it. */
  setProfile(update: ProfileUpdate): void {
    if (this.ctx) this.ctx = withProfile(this.ctx, update);
  }

  /** Skips a pending retry wait. */
  wake(): void {
    this.waits.wake();
  }

  private setStatus(next: HttpPhase, event: Omit<TransportEvent & { type: 'status' }, 'type'>): void {
    this.phase = next;
    this.deps.emit({ type: 'status', ...event });
  }

  private fail(error: TransportError): void {
    this.life.abort();
    this.setStatus('failed', { status: 'failed', error: errorInfoOf(error) });
  }

  private async open(ctx: ConnectContext, signal: AbortSignal): Promise<void> {
    this.capabilities = await openSession(this.deps.client, this.deps.session, ctx, signal);
    // Several conversations: what changes before the first poll holds comes with that poll.
    if (this.capabilities.conversations) this.summaries.since = '0';
  }

  private retryIn(attempt: number, error: TransportError): number {
    const delay = Math.min(MAX_RETRY_AFTER_MS, Math.max(error.retryAfterMs ?? 0, backoffDelay(attempt, this.deps.backoff)));
    this.setStatus('reconnecting', { status: 'reconnecting', retryInMs: delay, error: errorInfoOf(error) });
    return delay;
  }

  /** Opens the session, retrying what may pass later; rejects on a refusal or `disconnect()`. */
  private async start(ctx: ConnectContext, signal: AbortSignal): Promise<void> {
    const closedEarly = () =>
      new TransportError(this.deps.name, 'closed', 'disconnected before the connection was ready', { retryable: false });
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.open(ctx, signal);
      } catch (raw) {
        const error = raw as TransportError;
        if (signal.aborted) throw closedEarly();
        if (!error.retryable) {
          this.fail(error);
          throw error;
        }
        if (!(await this.waits.pause(this.retryIn(attempt, error), signal))) throw closedEarly();
      }
    }
  }

  private pollDeps(signal: AbortSignal): PollDeps {
    const { client, session, pollWaitSeconds, backoff, emit } = this.deps;
    return {
      client,
      session,
      pollWaitSeconds,
      backoff,
      emit,
      conversation: () => this.deps.conversation(),
      reconnecting: () => this.phase === 'reconnecting',
      setOnline: () => this.setStatus('online', { status: 'online' }),
      setReconnecting: (retryInMs, error) =>
        this.setStatus('reconnecting', { status: 'reconnecting', retryInMs, error: errorInfoOf(error) }),
      fail: (error) => this.fail(error),
      reopen: () => this.open(this.ctx!, signal),
      pause: this.waits.pause,
      summaries: this.summaries,
    };
  }
}
