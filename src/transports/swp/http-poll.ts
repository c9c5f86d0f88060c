/**
 * The pushed-events side of the HTTP transport: the long-poll loop
 * (`GET /conversations/:id/events?after=N&wait=S`) and what it makes of each response.
 * @module
 */
import type { TransportError } from '../../core/errors';
import type { TransportEvent } from '../../core/transport';
import { backoffCurve as backoffDelay, type BackoffOptions } from '../../core/backoff';
import { decodeEvent, decodeRecord } from './decode';
import type { HttpClient } from './http-client';
import { MAX_RETRY_AFTER_MS } from './http-errors';
import { isRecord, parseJson } from '../../protocol/json';
import type { SwpSession } from './session';
import { seqOf } from './validate';
import { wireConversationList } from '../../protocol/conversations';

/** What the poll loop works with. */
export interface PollDeps {
  client: HttpClient;
  session: SwpSession;
  pollWaitSeconds: number;
  backoff: BackoffOptions | undefined;
  emit(event: TransportEvent): void;
  /** The conversation to poll; throws when there is none. */
  conversation(): string;
  /** True after a failure, until a poll succeeds. */
  reconnecting(): boolean;
  /** Status changes: `online` after a recovery, `reconnecting` with the delay, `failed` for good. */
  setOnline(): void;
  setReconnecting(retryInMs: number, error: TransportError): void;
  fail(error: TransportError): void;
  /** Opens a new session (the server forgot the old one). */
  reopen(): Promise<void>;
  /** Several conversations: the server time of the last poll response (`conversationsSince` of the next). */
  summaries: { since?: string };
  /** Waits `ms`; false when the connection ended meanwhile. */
  pause(ms: number, signal: AbortSignal): Promise<boolean>;
}

const cursorOf = (raw: Record<string, unknown>) => seqOf(typeof raw.cursor === 'string' ? Number(raw.cursor) : raw.cursor);

/** Applies one poll response body (status 200). */
function applyEvents(deps: PollDeps, raw: unknown, conversationId: string): void {
  const { session, emit } = deps;
  if (!isRecord(raw) || !Array.isArray(raw.events)) throw deps.client.bad('events');
  const list = wireConversationList(raw.conversations, 'conversations');
  if (list.ok) for (const conversation of list.value) emit({ type: 'conversation.summary', conversation });
  if (typeof raw.conversationsAt === 'string' && /^\d{1,15}$/.test(raw.conversationsAt)) deps.summaries.since = raw.conversationsAt;
  // A poll of the conversation the session switched away from: its events belong to no one now.
  if (conversationId !== session.conversationId) return;
  for (const item of raw.events) {
    if (!isRecord(item) || !isRecord(item.event)) continue;
    const seq = seqOf(item.seq);
    const event = decodeEvent(item.event);
    if (seq === undefined || event === 'bad') {
      emit({ type: 'error', error: { code: 'invalid', message: 'swp: malformed event in poll response', retryable: false } });
      continue;
    }
    session.applyEvent(seq, event);
  }
  for (const item of Array.isArray(raw.ephemeral) ? raw.ephemeral : []) {
    if (!isRecord(item)) continue;
    const decoded = decodeRecord(item);
    if (decoded.kind !== 'frame') continue;
    const f = decoded.frame;
    if (f.t === 'typing' && f.conversationId === conversationId) emit({ type: 'typing', from: f.from, on: f.on });
    if (f.t === 'availability') emit({ type: 'availability', availability: f.availability });
  }
  const cursor = cursorOf(raw);
  // The cursor is the seq of the last event returned: above what was applied, events went missing.
  if (cursor !== undefined && session.cursor !== undefined && cursor > session.cursor)
    session.resetCursor(cursor, 'events missing from a poll response');
  else if (cursor !== undefined) session.advance(cursor);
}

/** One poll: waits for events after the cursor and applies them. */
export async function pollOnce(deps: PollDeps, signal: AbortSignal): Promise<void> {
  const { client, session } = deps;
  const conversationId = deps.conversation();
  let status: number;
  let text: string;
  try {
    const response = await client.api(`conversations/${encodeURIComponent(conversationId)}/events`, {
      // After a failure, a quick poll (wait=0) proves the way back at once, then long-polls resume.
      searchParams: {
        after: session.cursor ?? 0,
        wait: deps.reconnecting() ? 0 : deps.pollWaitSeconds,
        ...(deps.summaries.since !== undefined ? { conversationsSince: deps.summaries.since } : {}),
      },
      timeout: deps.pollWaitSeconds * 1000 + 10_000,
      retry: 0,
      signal,
      throwHttpErrors: (code) => code !== 410,
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    throw await client.toError(error, signal);
  }
  let raw: unknown;
  try {
    raw = text ? parseJson(text) : undefined;
  } catch {
    throw client.bad('events');
  }
  if (status === 410) {
    // The gap is no longer available: continue from the cursor the server returns; the SDK refetches.
    const cursor = isRecord(raw) ? cursorOf(raw) : undefined;
    if (cursor === undefined) throw client.bad('resync');
    session.resetCursor(cursor, 'cursor no longer available');
    return;
  }
  applyEvents(deps, raw, conversationId);
}

/** Polls until `signal` aborts or a permanent refusal; backs off after failures. */
export async function pollLoop(deps: PollDeps, signal: AbortSignal): Promise<void> {
  let attempt = 0;
  let reopened = false;
  while (!signal.aborted) {
    try {
      await pollOnce(deps, signal);
      attempt = 0;
      reopened = false;
      if (deps.reconnecting() && !signal.aborted) deps.setOnline();
    } catch (raw) {
      if (signal.aborted) return;
      const error = raw as TransportError;
      if (error.code === 'auth' && !reopened) {
        // The server may have lost the session (a restart on fresh storage): a new hello opens a
        // new one, as over WebSocket (resync follows from the welcome). Once; then it is final.
        reopened = true;
        try {
          await deps.reopen();
          continue;
        } catch {
          if (signal.aborted) return;
        }
      }
      if (error.code === 'auth' || error.code === 'expired' || error.code === 'forbidden') return deps.fail(error);
      const delay = Math.min(MAX_RETRY_AFTER_MS, Math.max(error.retryAfterMs ?? 0, backoffDelay(attempt++, deps.backoff)));
      deps.setReconnecting(delay, error);
      if (!(await deps.pause(delay, signal))) return;
      if (error.code === 'not_found') {
        // The server forgot the conversation: open a new session (resync follows from the welcome).
        await deps.reopen().catch(() => undefined); // the next round reports a failure
      }
    }
  }
}
