/**
 * Request bodies end in time: a body that sends nothing for `bodyIdleTimeoutMs`, or is not complete
 * after `bodyTotalTimeoutMs`, is answered 408 and its socket closed (slowloris-style half-sent
 * bodies hold nothing for long). The router registers each request's timeouts; whoever reads the
 * body (JSON or a streamed upload) runs a {@link BodyClock}.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceError } from '../domain/errors';
import { EXTRA_LIMIT_DEFAULTS } from './settings';

/** The two timeouts of a body, ms. */
export interface BodyTimeouts {
  bodyIdleTimeoutMs: number;
  bodyTotalTimeoutMs: number;
}

const registered = new WeakMap<IncomingMessage, BodyTimeouts>();

/** A body that took too long (answered 408 by {@link answerBodyTimeout}). */
export class BodyTimeout extends ServiceError {
  constructor(kind: 'idle' | 'total', ms: number) {
    super('timeout', kind === 'idle' ? `the request body stalled for ${ms} ms` : `the request body took longer than ${ms} ms`);
  }
}

/** Sets the timeouts of a request's body (the router does, for every request). */
export function registerBodyTimeouts(req: IncomingMessage, res: ServerResponse, timeouts: BodyTimeouts): void {
  registered.set(req, timeouts);
  // A body nobody read to the end must not keep the socket once the answer is out.
  res.once('finish', () => {
    if (!req.complete) req.destroy();
  });
}

/** The timeouts of a request (the defaults when it was never registered). */
export function bodyTimeoutsOf(req: IncomingMessage): BodyTimeouts {
  return registered.get(req) ?? EXTRA_LIMIT_DEFAULTS;
}

/** Watches one body: call `touch()` on every chunk and `stop()` at its end. */
export class BodyClock {
  private idle: ReturnType<typeof setTimeout> | undefined;
  private readonly total: ReturnType<typeof setTimeout>;
  private stopped = false;

  constructor(
    private readonly timeouts: BodyTimeouts,
    private readonly expired: (e: BodyTimeout) => void,
  ) {
    this.total = setTimeout(() => this.fire('total', timeouts.bodyTotalTimeoutMs), timeouts.bodyTotalTimeoutMs);
    this.total.unref();
    this.touch();
  }

  touch(): void {
    if (this.stopped) return;
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.fire('idle', this.timeouts.bodyIdleTimeoutMs), this.timeouts.bodyIdleTimeoutMs);
    this.idle.unref();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.idle);
    clearTimeout(this.total);
  }

  private fire(kind: 'idle' | 'total', ms: number): void {
    if (this.stopped) return;
    this.stop();
    this.expired(new BodyTimeout(kind, ms));
  }
}

/** Answers a timed-out body 408 and closes the socket once the answer is out. */
export function answerBodyTimeout(req: IncomingMessage, res: ServerResponse, answer: (status: number) => void): void {
  if (res.headersSent) {
    req.destroy();
    return;
  }
  res.setHeader('Connection', 'close');
  res.once('finish', () => req.destroy());
  res.once('close', () => req.destroy());
  answer(408);
}
