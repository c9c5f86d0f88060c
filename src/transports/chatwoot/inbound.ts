/**
 * Room broadcasts and REST pages → transport events, each message once: ids already seen (from
 * the send's answer, the realtime echo, a history page or a backfill) are not emitted again.
 * Activity messages become system lines; `conversation.status_changed` becomes the conversation
 * state (`pending` → `open` is a bot's handoff to agents); `input_csat` turns rating on.
 * @module
 */
import type { Participant } from '../../core/model';
import type { IncomingMessage, TransportEvent } from '../../core/transport';
import { toIncoming } from './map';
import { asNumber, asRecord, asString, type Json, messageId } from './wire';

/** Agent typing clears itself after this long without a new signal (as Chatwoot's widget does). */
const TYPING_CLEAR_MS = 30_000;

export interface Inbound {
  /** Emits `m` unless seen; returns its SDK form either way (null when not shown). */
  message(m: Json): IncomingMessage | null;
  /** Marks a page's messages seen without emitting (history the SDK asked for). */
  page(list: Json[]): IncomingMessage[];
  /** A room broadcast. */
  event(name: string, data: Json): void;
  /** Emits every unseen message of `list` newer than `since`, oldest first (a backfill). */
  backfill(list: Json[], since: number): void;
  /** The conversation's status as REST tells it (after a reconnect). */
  status(status: string | undefined): void;
  /** The message that carried `echo_id` = `clientId`, when one came (realtime echoes carry it). */
  echoed(clientId: string): Json | undefined;
  readonly lastId: number;
  setLastId(id: number): void;
  /** The pubsub token changed (contact.merged). */
  onMerged(handler: (token: string) => void): void;
  stop(): void;
}

/** Agent typing signals, each cleared by itself after a while without news. */
function createTypingIn(
  ours: (data: Json) => boolean,
  emit: (e: TransportEvent) => void,
  typing: Map<string, ReturnType<typeof setTimeout>>,
): (data: Json, on: boolean) => void {
  return (data, on) => {
    if (data.is_private === true || !ours(data)) return;
    const user = asRecord(data.user);
    const id = `agent:${asNumber(user.id) ?? 'unknown'}`;
    const name = asString(user.available_name) ?? asString(user.name);
    const from: Participant = {
      id,
      role: String(user.type ?? '').toLowerCase() === 'agent_bot' ? 'bot' : 'agent',
      ...(name ? { name } : {}),
    };
    clearTimeout(typing.get(id));
    typing.delete(id);
    if (on)
      typing.set(
        id,
        setTimeout(() => (typing.delete(id), emit({ type: 'typing', from, on: false })), TYPING_CLEAR_MS),
      );
    emit({ type: 'typing', from, on });
  };
}

export function createInbound(conversationId: () => string, emit: (e: TransportEvent) => void): Inbound {
  const seen = new Set<number>();
  const echoes = new Map<string, Json>();
  let lastId = 0;
  let status: string | undefined;
  let rating = false;
  let merged: (token: string) => void = () => undefined;
  const typing = new Map<string, ReturnType<typeof setTimeout>>();

  const ours = (data: Json) => {
    const c =
      asNumber(data.conversation_id) ?? asNumber(asRecord(data.conversation).display_id) ?? asNumber(asRecord(data.conversation).id);
    return c === undefined || String(c) === conversationId();
  };
  const note = (m: Json): { incoming: IncomingMessage | null; fresh: boolean } => {
    const id = messageId(m);
    const incoming = toIncoming(m, conversationId());
    if (id === undefined) return { incoming, fresh: false };
    const fresh = !seen.has(id);
    seen.add(id);
    const echo = asString(m.echo_id);
    if (echo) echoes.set(echo, m);
    if (id > lastId) lastId = id;
    if (!rating && m.content_type === 'input_csat') {
      rating = true;
      emit({ type: 'capabilities', capabilities: { rating: true } });
    }
    return { incoming, fresh };
  };
  const message = (m: Json) => {
    const { incoming, fresh } = note(m);
    if (incoming && fresh) emit({ type: 'message', message: incoming });
    return incoming;
  };
  const setStatus = (next: string | undefined) => {
    if (!next || next === status) return;
    const prev = status;
    status = next;
    if (next === 'resolved') emit({ type: 'conversation', state: 'closed' });
    else if (prev === 'resolved') emit({ type: 'conversation', state: 'open' });
    // A bot's conversation is `pending`; agents take it when it turns `open`.
    if (prev === 'pending' && next === 'open') emit({ type: 'handoff', state: 'accepted' });
  };
  const typingOf = createTypingIn(ours, emit, typing);
  return {
    message,
    page: (list) => list.flatMap((m) => note(m).incoming ?? []),
    event(name, data) {
      if (name === 'message.created' && ours(data)) message(data);
      else if (name === 'message.updated' && ours(data)) {
        const { incoming, fresh } = note(data);
        if (incoming) emit({ type: fresh ? 'message' : 'message.updated', message: incoming });
      } else if (name === 'conversation.typing_on' || name === 'conversation.typing_off') typingOf(data, name.endsWith('_on'));
      else if (name === 'conversation.status_changed' && ours(data)) setStatus(asString(data.status));
      else if (name === 'contact.merged') {
        const token = asString(data.pubsub_token);
        if (token) merged(token);
      } else if (name === 'presence.update') {
        const users = asRecord(data.users);
        emit({ type: 'availability', availability: { operatorsOnline: Object.keys(users).length > 0 } });
      }
    },
    backfill(list, since) {
      const newer = list.filter((m) => (messageId(m) ?? 0) > since).sort((a, b) => (messageId(a) ?? 0) - (messageId(b) ?? 0));
      for (const m of newer) message(m);
    },
    status: setStatus,
    echoed: (clientId) => echoes.get(clientId),
    get lastId() {
      return lastId;
    },
    setLastId(id) {
      if (id > lastId) lastId = id;
    },
    onMerged(handler) {
      merged = handler;
    },
    stop() {
      for (const t of typing.values()) clearTimeout(t);
      typing.clear();
    },
  };
}
