/**
 * The limits of one customer WebSocket: a slot per address and per session (sockets open at once,
 * leases shared by every process),
 * the frame windows of its session and address, and the window of new sessions at `hello`.
 * @module
 */
import type { HelloFrame } from '../../src/protocol/frames';
import type { ServerContext } from '../domain/context';
import { ServiceError } from '../domain/errors';
import { sessionOfToken } from '../domain/sessions';
import { addressKey } from './client-address';
import { limitsOf, type Subject } from './limiter';
import type { Verdict } from './windows';

/** How long a client refused for too many sockets is told to wait, ms. */
export const SOCKET_RETRY_MS = 5000;

/**
 * Refuses (`rate_limited`) a hello or `POST /sessions` that would create a session when the
 * address made too many. A token that resolves to a session creates none and is not counted.
 */
export async function checkNewSession(ctx: ServerContext, hello: Pick<HelloFrame, 'token'>, address: string): Promise<void> {
  if (hello.token !== undefined && (await sessionOfToken(ctx, hello.token))) return;
  const over = await limitsOf(ctx).newSession(address);
  if (over !== null) throw new ServiceError('rate_limited', 'too many new sessions from this address: try again later', over);
}

/** The limits of one customer socket. */
export class SocketLimits {
  private readonly releases: Array<() => void> = [];
  private sessionId: string | undefined;
  private closed = false;

  constructor(
    private readonly ctx: ServerContext,
    readonly address: string,
  ) {}

  /** Takes the socket's slot of its address; false when the address holds too many sockets. */
  open(): Promise<boolean> {
    return this.slot(`sockets:ip:${addressKey(this.address)}`, this.ctx.config.extraLimits.socketsPerIp);
  }

  /** Takes the socket's slot of its session; false when the session holds too many sockets. */
  bind(sessionId: string): Promise<boolean> {
    this.sessionId = sessionId;
    return this.slot(`sockets:s:${sessionId}`, this.ctx.config.extraLimits.socketsPerSession);
  }

  /** Counts the hello (already counted for the address) in the bound session's window. */
  hello(): Verdict | Promise<Verdict> {
    return limitsOf(this.ctx).windows.hit(`frames:s:${this.sessionId}`, this.ctx.config.extraLimits.framesPerSession);
  }

  /** Counts one inbound frame (the address only until hello). */
  frame(): Verdict | Promise<Verdict> {
    const limiter = limitsOf(this.ctx);
    if (this.sessionId === undefined) {
      return limiter.windows.hit(`frames:ip:${addressKey(this.address)}`, this.ctx.config.extraLimits.framesPerIp);
    }
    return limiter.hit('frames', this.subject());
  }

  /** Who this socket's actions are counted for (after hello). */
  subject(): Subject {
    return { owner: this.sessionId ?? '', address: this.address };
  }

  /** Gives the slots back (socket closed; slots taken after it are given back at once). */
  close(): void {
    this.closed = true;
    for (const r of this.releases.splice(0)) r();
  }

  private async slot(key: string, max: number): Promise<boolean> {
    const release = await limitsOf(this.ctx).leases.acquire(key, max);
    if (release && this.closed) release();
    else if (release) this.releases.push(release);
    return release !== null;
  }
}
