/**
 * Everything the domain functions share: configuration, storage, fan-out, logging, bot, schedule.
 * @module
 */
import type { Availability } from '../../src/core/model';
import type { BlobStore } from '../blobs/blob-store';
import type { Bot } from '../bot-types';
import type { ResolvedConfig } from '../config';
import type { Metrics } from '../metrics';
import type { ChatStore } from '../db/chat-store';
import { isOpen, nextOpenAt, type Schedule } from '../hours';
import type { Hub } from '../hub';
import type { Logger } from '../log';
import type { KeyedSerial } from './serial';

/** Connected operators (counted for ETAs and shown in the console). */
export interface OperatorPresence {
  online(): number;
}

/** Shared server state. */
export interface ServerContext {
  config: ResolvedConfig;
  store: ChatStore;
  /**
   * Per-key serialization of check-then-act sequences: `c:<conversationId>` for a conversation,
   * `u:<userKey>` for picking or creating a user's conversation.
   */
  serial: KeyedSerial;
  hub: Hub;
  log: Logger;
  bot: Bot;
  schedule: Schedule;
  operators: OperatorPresence;
  /** Called whenever the queue or an operator-visible conversation changes. */
  onQueueChange(): void;
  /** Timers owned by the domain (bot typing delays); cleared on shutdown. */
  timers: Set<ReturnType<typeof setTimeout>>;
  /** Held long-polls; each function ends its poll with 503 (shutdown). */
  polls: Set<() => void>;
  /** Base URL of attachment links. */
  publicUrl(): string;
  /** Counters and gauges of `GET /metrics`. */
  metrics: Metrics;
  /** The bytes of uploaded files (retention and erasure remove them). */
  blobs: BlobStore;
}

/** Average handling time used for queue ETAs, seconds. */
export const AVERAGE_HANDLE_SECONDS = 90;

/** Operator availability right now. */
export function availability(ctx: ServerContext): Availability {
  const now = ctx.config.now();
  const open = isOpen(ctx.schedule, now);
  const next = open ? undefined : nextOpenAt(ctx.schedule, now);
  return {
    operatorsOnline: open,
    ...(next !== undefined ? { nextOpenAt: new Date(next).toISOString() } : {}),
    ...(open ? { replyTimeSeconds: 60 } : {}),
  };
}

/** Schedules a domain timer that is cleared on shutdown. */
export function later(ctx: ServerContext, ms: number, fn: () => Promise<void> | void): void {
  const failed = (e: unknown): void => ctx.log.error('timer failed', { error: e instanceof Error ? e.message : String(e) });
  const t = setTimeout(() => {
    ctx.timers.delete(t);
    try {
      Promise.resolve(fn()).catch(failed);
    } catch (e) {
      failed(e);
    }
  }, ms);
  ctx.timers.add(t);
}

/** Runs `fn` holding the lock of a conversation (not re-entrant: `fn` must not take it again). */
export function inConversation<T>(ctx: ServerContext, conversationId: string, fn: () => Promise<T>): Promise<T> {
  return ctx.serial.run(`c:${conversationId}`, fn);
}
