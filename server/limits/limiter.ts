/**
 * The limits of one server process (issue 10 item 4): the shared windows per session and per
 * address, the leases of sockets and long-polls, reached from the context by {@link limitsOf}.
 * Keys: `<what>:s:<sessionId>`, `<what>:ip:<address key>`, `<what>:op:<operatorId>`.
 * @module
 */
import type { ServerContext } from '../domain/context';
import { ServiceError } from '../domain/errors';
import { addressKey } from './client-address';
import { Leases } from './leases';
import type { ExtraLimitSettings, WindowRule } from './settings';
import { firstRefusal, SharedWindows, type Verdict } from './windows';

type Pair = 'frames' | 'messages' | 'handoffs' | 'uploads';
const RULES: Record<Pair, [keyof ExtraLimitSettings, keyof ExtraLimitSettings]> = {
  frames: ['framesPerSession', 'framesPerIp'],
  messages: ['messagesPerSession', 'messagesPerIp'],
  handoffs: ['handoffsPerSession', 'handoffsPerIp'],
  uploads: ['uploadsPerSession', 'uploadsPerIp'],
};

/** Who is counted: a session (or an operator, `op:<id>`) and an address. */
export interface Subject {
  /** Session id, or `op:<operatorId>`. */
  owner: string;
  address: string;
}

/** The limits of one process. */
export class Limiter {
  readonly windows: SharedWindows;
  readonly leases: Leases;

  constructor(private readonly ctx: ServerContext) {
    const failed = (e: unknown): void =>
      ctx.log.error('limit store failed; counting on this process only', { error: e instanceof Error ? e.message : String(e) });
    this.windows = new SharedWindows(ctx.store.limits, ctx.config.now, failed);
    this.leases = new Leases(ctx.store.limits, ctx.config.now, failed);
  }

  private get settings(): ExtraLimitSettings {
    return this.ctx.config.extraLimits;
  }

  /** One unit of `what` for the subject's owner and address. */
  hit(what: Pair, who: Subject): Verdict | Promise<Verdict> {
    const [own, ip] = RULES[what];
    return firstRefusal(
      () => this.windows.hit(`${what}:${ownerKey(who.owner)}`, this.settings[own] as WindowRule),
      () => this.windows.hit(`${what}:ip:${addressKey(who.address)}`, this.settings[ip] as WindowRule),
    );
  }

  /** Throws `rate_limited` when one unit of `what` is over a window. */
  async check(what: Pair, who: Subject, label: string): Promise<void> {
    const over = await this.hit(what, who);
    if (over !== null) throw new ServiceError('rate_limited', `too many ${label}: try again later`, over);
  }

  /** Bytes of an upload, all or nothing. */
  async uploadBytes(who: Subject, bytes: number): Promise<Verdict> {
    const over = await this.windows.spend(`upload-bytes:${ownerKey(who.owner)}`, this.settings.uploadBytesPerSession, bytes);
    if (over !== null) return over;
    return this.windows.spend(`upload-bytes:ip:${addressKey(who.address)}`, this.settings.uploadBytesPerIp, bytes);
  }

  /** Refused already (no store call): the bytes quota of the subject is used up. */
  uploadBytesExhausted(who: Subject): Verdict {
    return (
      this.windows.exhausted(`upload-bytes:${ownerKey(who.owner)}`, this.settings.uploadBytesPerSession) ??
      this.windows.exhausted(`upload-bytes:ip:${addressKey(who.address)}`, this.settings.uploadBytesPerIp)
    );
  }

  /** A new session from `address`. */
  newSession(address: string): Verdict | Promise<Verdict> {
    return this.windows.hit(`sessions:ip:${addressKey(address)}`, this.settings.sessionsPerIp);
  }

  /** A console frame of an operator. */
  operatorFrame(operatorId: string): Verdict | Promise<Verdict> {
    return this.windows.hit(`frames:op:${operatorId}`, this.settings.operatorFrames);
  }
}

function ownerKey(owner: string): string {
  return owner.startsWith('op:') ? owner : `s:${owner}`;
}

const limiters = new WeakMap<ServerContext, Limiter>();

/** The limiter of a server (made on first use). */
export function limitsOf(ctx: ServerContext): Limiter {
  let l = limiters.get(ctx);
  if (!l) limiters.set(ctx, (l = new Limiter(ctx)));
  return l;
}

/**
 * Counts a message about to be sent, unless it is a replay of one already stored (same clientId):
 * a replay is answered from the store and costs nothing, so retries after a lost ack never run into
 * the limit. Throws `rate_limited` when over.
 */
export async function checkNewMessage(
  ctx: ServerContext,
  who: Subject,
  conversationId: string,
  clientId: string | undefined,
): Promise<void> {
  if (clientId !== undefined && (await ctx.store.messageByClientId(conversationId, clientId))) return;
  await limitsOf(ctx).check('messages', who, 'messages');
}
