/**
 * `GET /swp/v1/conversations/:id/events?after=N&wait=25`: returns stored events after N at once,
 * else waits for the next one (or an ephemeral typing/availability signal) up to `wait` seconds.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AvailabilityFrame, EventsResponse, ServerTypingFrame, WireConversationSummary } from '../../src/protocol/frames';
import type { ConversationRow } from '../db/rows';
import type { ServerContext } from '../domain/context';
import { summaryOf } from '../domain/conversations';
import { limitsOf } from '../limits/limiter';
import { json, problem } from './respond';

/** Most events in one response. */
const MAX_BATCH = 500;
/** How long a client over the long-poll cap is told to wait, ms. */
const POLL_RETRY_MS = 1000;
/** Longest hold, seconds. */
export const MAX_WAIT_S = 25;

/** How far the `conversationsAt` watermark lags the answer that carries it, ms. */
const SINCE_OVERLAP_MS = 2000;

/** Serves one poll. */
export async function longPoll(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  conv: ConversationRow,
  query: URLSearchParams,
  sessionId: string,
): Promise<void> {
  const afterRaw = query.get('after') ?? '0';
  const waitRaw = query.get('wait') ?? '0';
  if (!/^\d{1,15}$/.test(afterRaw) || !/^\d{1,4}$/.test(waitRaw))
    return problem(res, 'invalid', '"after" and "wait" must be non-negative integers');
  const after = Number(afterRaw);
  const waitMs = Math.min(Number(waitRaw), MAX_WAIT_S) * 1000;
  if (after > conv.lastSeq || conv.lastSeq - after > ctx.config.replayWindow) {
    return problem(res, 'expired', 'the events after this cursor are gone: resync from history', {
      status: 410,
      extra: { resync: true, cursor: String(conv.lastSeq) },
    });
  }
  const sinceRaw = query.get('conversationsSince');
  const since = sinceRaw !== null && /^\d{1,15}$/.test(sinceRaw) ? Number(sinceRaw) : undefined;
  const reply = async (
    ephemeral?: Array<ServerTypingFrame | AvailabilityFrame>,
    summaries = new Map<string, WireConversationSummary>(),
  ): Promise<void> => {
    // The watermark the client sends back as `since` lags this answer by SINCE_OVERLAP_MS: a change
    // stamped a moment before it but committed after (group commit, another process's clock) is in
    // the next answer, read again here; the overlap only repeats summaries (they replace).
    const at = ctx.config.now();
    if (since !== undefined) {
      await ctx.store.settled?.();
      for (const other of await ctx.store.conversationsOf(conv.userKey, 50))
        if (other.updatedAt > since && !summaries.has(other.id)) summaries.set(other.id, await summaryOf(ctx, other));
    }
    const events = await ctx.store.eventsAfter(conv.id, after, MAX_BATCH);
    const last = events[events.length - 1];
    const body: EventsResponse = {
      events,
      cursor: String(last ? last.seq : after),
      ...(ephemeral && ephemeral.length > 0 ? { ephemeral } : {}),
      ...(summaries.size > 0 ? { conversations: [...summaries.values()] } : {}),
      conversationsAt: String(at - SINCE_OVERLAP_MS),
    };
    json(res, 200, body);
  };
  // Several conversations: what changed since the last response (between polls nobody listens);
  // a change inside the overlap is answered with the next answer, not at once (no poll loop).
  const changed = new Map<string, WireConversationSummary>();
  if (since !== undefined) {
    for (const other of await ctx.store.conversationsOf(conv.userKey, 50)) {
      if (other.updatedAt > since + SINCE_OVERLAP_MS) changed.set(other.id, await summaryOf(ctx, other));
    }
  }
  if (conv.lastSeq > after || waitMs === 0 || changed.size > 0) return reply(undefined, changed);
  // Held polls per session are capped: each holds a socket and subscriptions.
  const release = await limitsOf(ctx).leases.acquire(`polls:s:${sessionId}`, ctx.config.extraLimits.longPollsPerSession);
  if (!release) {
    return problem(res, 'rate_limited', `at most ${ctx.config.extraLimits.longPollsPerSession} long-polls per session at once`, {
      retryAfterMs: POLL_RETRY_MS,
    });
  }

  let finished = false;
  const ephemeral: Array<ServerTypingFrame | AvailabilityFrame> = [];
  const summaries = new Map<string, WireConversationSummary>();
  const finish = (fn: () => Promise<void> | void): void => {
    if (finished) return;
    finished = true;
    release();
    clearTimeout(timer);
    unsubscribe();
    offUser();
    ctx.polls.delete(abort);
    Promise.resolve()
      .then(fn)
      .catch((e: unknown) => {
        ctx.log.error('long-poll failed', { error: e instanceof Error ? e.message : String(e) });
        if (!res.headersSent) problem(res, 'server', 'internal error');
      });
  };
  const abort = (): void => finish(() => problem(res, 'server', 'server shutting down', { status: 503, retryAfterMs: 1000 }));
  // Events published in the same tick (e.g. participant joined + handoff accepted) go out together.
  const soon = (): void => {
    setImmediate(() => finish(() => reply(ephemeral, summaries)));
  };
  const unsubscribe = ctx.hub.subscribe(conv.id, (f) => {
    if (f.t === 'event') soon();
    else if ((f.t === 'typing' && f.from.role !== 'user') || f.t === 'availability') {
      ephemeral.push(f);
      soon();
    }
  });
  // Several conversations: a change in another one ends the hold with its summary.
  const offUser = ctx.hub.subscribeUser(conv.userKey, (f) => {
    // Its own conversation's news are the events this poll carries anyway.
    if (f.t !== 'conversation.summary' || f.conversation.id === conv.id) return;
    summaries.set(f.conversation.id, f.conversation);
    soon();
  });
  const timer = setTimeout(() => finish(() => reply()), waitMs);
  ctx.polls.add(abort);
  req.on('close', () => finish(() => undefined));
  // The conversation (and the others) were read before the subscriptions existed: an event stored,
  // or another conversation changed, in between would otherwise wait for the timeout.
  if ((await ctx.store.eventsAfter(conv.id, after, 1)).length > 0) soon();
  if (since !== undefined) {
    for (const other of await ctx.store.conversationsOf(conv.userKey, 50)) {
      if (other.id === conv.id || other.updatedAt <= since + SINCE_OVERLAP_MS || summaries.has(other.id)) continue;
      summaries.set(other.id, await summaryOf(ctx, other));
      soon();
    }
  }
}
