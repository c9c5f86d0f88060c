/**
 * Pure functions over the ordered message list. Messages are matched by server id and by
 * clientId, never by text, so echoes, replays and retries never double a bubble.
 * Order: messages with a server `seq` by seq; messages without one keep arrival order,
 * and unsent own messages stay after everything the server has ordered.
 * @module
 */
import type { ChatMessage, MessageStatus } from './model';

const STATUS_RANK: Record<MessageStatus, number> = {
  failed: 0,
  queued: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  read: 4,
};

/** Index of the message with this id or clientId, or -1. */
export function findMessage(list: readonly ChatMessage[], key: { id?: string; clientId?: string }): number {
  for (let i = list.length - 1; i >= 0; i--) {
    const m = list[i]!;
    if (key.clientId !== undefined && m.clientId === key.clientId) return i;
    if (key.id !== undefined && m.id === key.id) return i;
  }
  return -1;
}

function isUnsent(m: ChatMessage): boolean {
  return m.seq === undefined && (m.status === 'queued' || m.status === 'sending' || m.status === 'failed');
}

function insertionIndex(list: readonly ChatMessage[], message: ChatMessage): number {
  if (message.seq === undefined) {
    if (isUnsent(message)) return list.length;
    let i = list.length;
    while (i > 0 && isUnsent(list[i - 1]!)) i--;
    return i;
  }
  const seq = message.seq;
  let i = list.length;
  while (i > 0) {
    const prev = list[i - 1]!;
    if (isUnsent(prev)) {
      i--;
      continue;
    }
    // Seqs count per conversation: a message of a later conversation goes after an earlier one's.
    if (
      prev.seq !== undefined &&
      prev.seq > seq &&
      (prev.conversationId === undefined || message.conversationId === undefined || prev.conversationId === message.conversationId)
    ) {
      i--;
      continue;
    }
    break;
  }
  return i;
}

/** Keeps the better of two statuses (a late ack never downgrades "read" to "sent"). */
export function mergeStatus(a: MessageStatus, b: MessageStatus): MessageStatus {
  return STATUS_RANK[b] >= STATUS_RANK[a] ? b : a;
}

/**
 * Adds or merges a message. Returns the new list and whether the message was new.
 * A known message (same id or clientId) is merged: server fields win, status only moves forward.
 */
export function upsertMessage(list: readonly ChatMessage[], message: ChatMessage): { list: readonly ChatMessage[]; added: boolean } {
  const at = findMessage(list, { id: message.id, clientId: message.clientId });
  if (at === -1) {
    const next = list.slice();
    next.splice(insertionIndex(list, message), 0, message);
    return { list: next, added: true };
  }
  const old = list[at]!;
  const merged: ChatMessage = {
    ...old,
    ...message,
    clientId: old.clientId ?? message.clientId,
    status: old.status === 'failed' && message.seq !== undefined ? 'sent' : mergeStatus(old.status, message.status),
  };
  if (merged.status !== 'failed') delete merged.error;
  const next = list.slice();
  next.splice(at, 1);
  next.splice(insertionIndex(next, merged), 0, merged);
  return { list: next, added: false };
}

/**
 * {@link upsertMessage} of each of `messages` in turn, with one copy of the list: a restore of a
 * long history (in order) costs its length, not its square. Known messages take the exact path.
 */
export function upsertMany(list: readonly ChatMessage[], messages: readonly ChatMessage[]): readonly ChatMessage[] {
  if (messages.length === 0) return list;
  let out = list.slice();
  const keys = new Set<string>();
  const note = (m: ChatMessage) => {
    keys.add(m.id);
    if (m.clientId !== undefined) keys.add(m.clientId);
  };
  for (const m of out) note(m);
  for (const m of messages) {
    if (keys.has(m.id) || (m.clientId !== undefined && keys.has(m.clientId))) out = upsertMessage(out, m).list as ChatMessage[];
    else out.splice(insertionIndex(out, m), 0, m);
    note(m);
  }
  return out;
}

/** Applies `patch` to the message with this key; returns the list unchanged when absent. */
export function patchMessage(
  list: readonly ChatMessage[],
  key: { id?: string; clientId?: string },
  patch: (m: ChatMessage) => ChatMessage,
): readonly ChatMessage[] {
  const at = findMessage(list, key);
  if (at === -1) return list;
  const next = list.slice();
  next[at] = patch(list[at]!);
  return next;
}

/** Removes the message with this key. */
export function removeMessage(list: readonly ChatMessage[], key: { id?: string; clientId?: string }): readonly ChatMessage[] {
  const at = findMessage(list, key);
  if (at === -1) return list;
  const next = list.slice();
  next.splice(at, 1);
  return next;
}

/** Marks own messages up to `seq` as read. */
export function markReadUpTo(list: readonly ChatMessage[], seq: number): readonly ChatMessage[] {
  let changed = false;
  const next = list.map((m) => {
    if (m.from.role === 'user' && m.seq !== undefined && m.seq <= seq && m.status !== 'read') {
      changed = true;
      return { ...m, status: 'read' as const };
    }
    return m;
  });
  return changed ? next : list;
}
