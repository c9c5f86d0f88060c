/**
 * Turns the message list and the timeline notes into rows to render: messages grouped by
 * sender, system lines in place, and which message shows its quick replies. Pure: no DOM.
 * @module
 */
import { findMessage } from '../../core/message-list';
import type { ChatMessage } from '../../core/model';
import type { TimelineNote } from '../shared/timeline';
import { withoutRecorded } from './system-notes';

/** One row of the transcript. */
export type Row =
  | { kind: 'message'; key: string; message: ChatMessage; first: boolean; last: boolean; quickReplies: boolean }
  | { kind: 'system'; key: string; message: ChatMessage }
  | { kind: 'note'; key: string; note: TimelineNote };

/** Most messages from the newest one back that a quick-reply offer is looked for. */
const QUICK_REPLY_REACH = 200;

/** Messages further apart than this start a new group. */
const GROUP_GAP_MS = 5 * 60_000;

const keyOf = (m: ChatMessage) => m.clientId ?? m.id;

// Parsed once per message object (messages are immutable): every render groups the whole window.
const times = new WeakMap<ChatMessage, number>();
function timeOf(m: ChatMessage): number {
  let t = times.get(m);
  if (t === undefined) {
    t = Date.parse(m.createdAt);
    times.set(m, t);
  }
  return t;
}

function sameGroup(a: ChatMessage | undefined, b: ChatMessage): boolean {
  if (!a || a.from.role === 'system' || a.from.role !== b.from.role || a.from.id !== b.from.id) return false;
  if (a.status === 'failed' || b.status === 'failed') return false;
  const gap = timeOf(b) - timeOf(a);
  return !(gap > GROUP_GAP_MS);
}

/**
 * Index of the message whose quick replies are offered: the newest one with quick replies, as long
 * as nobody spoke after it (the user answering, or an operator joining in); system lines don't count.
 */
export function quickReplyIndex(messages: readonly ChatMessage[], from = 0): number {
  let speaker: string | undefined;
  // Not looked for before `from` (the window's start: such a message has no row to offer them in),
  // nor further back than QUICK_REPLY_REACH messages (what is that far up is not a current offer).
  const stop = Math.max(from, messages.length - QUICK_REPLY_REACH);
  for (let i = messages.length - 1; i >= stop; i--) {
    const m = messages[i]!;
    if (m.from.role === 'system') continue;
    if (m.from.role === 'user' || (speaker !== undefined && m.from.id !== speaker)) return -1;
    if (m.quickReplies?.length) return i;
    speaker = m.from.id;
  }
  return -1;
}

/**
 * Builds the rows of messages `[range.start, range.end)` (all by default), grouped as in the whole
 * list (a window's first message knows its neighbour outside). The cost is that of the window:
 * notes are few, and the whole list is only looked at when there are notes.
 */
export function buildTranscript(
  messages: readonly ChatMessage[],
  notes: readonly TimelineNote[],
  range: { start: number; end: number } = { start: 0, end: messages.length },
): Row[] {
  const rows: Row[] = [];
  const quick = quickReplyIndex(messages, range.start);
  const pending = [...withoutRecorded(messages, notes)];
  const takeNotes = (m: ChatMessage | null) => {
    for (let i = 0; i < pending.length; ) {
      const a = pending[i]!.after;
      const hit = m === null ? !a : !!a && (a.id === m.id || (a.clientId !== undefined && a.clientId === m.clientId));
      if (hit) rows.push({ kind: 'note', key: pending[i]!.key, note: pending.splice(i, 1)[0]! });
      else i++;
    }
  };
  if (range.start === 0) takeNotes(null);
  for (let i = range.start; i < range.end; i++) {
    const m = messages[i]!;
    if (m.from.role === 'system') rows.push({ kind: 'system', key: keyOf(m), message: m });
    else {
      const prev = messages[i - 1];
      const next = messages[i + 1];
      rows.push({
        kind: 'message',
        key: keyOf(m),
        message: m,
        first: !sameGroup(prev, m),
        last: !next || !sameGroup(m, next),
        quickReplies: i === quick,
      });
    }
    if (pending.length) takeNotes(m);
  }
  // Notes whose message is gone go to the end (those after a message outside the window wait for it).
  if (range.end === messages.length)
    for (const note of pending)
      if (note.after && findMessage(messages, note.after) === -1) rows.push({ kind: 'note', key: note.key, note });
  return rows;
}
