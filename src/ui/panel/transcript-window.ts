/**
 * The transcript's render window: which run of messages (by index into the whole list) has DOM
 * nodes. Held by message keys, not indices, so older pages put in front of the list and messages
 * removed elsewhere do not move it; resolved to indices on each render at O(1) in the usual case
 * (the keys are found where they were last time). Pure: no DOM.
 * @module
 */
import type { ChatMessage } from '../../core/model';

/** Sizes of the window, in messages. */
export interface WindowSizes {
  /** Messages rendered when the newest ones are shown (open, "New messages", own send). */
  tail: number;
  /** Most messages rendered at once; beyond it the far side is dropped. */
  max: number;
  /** Messages added (and, past `max`, dropped) by one step up or down. */
  page: number;
}

/** The default sizes: at most 150 messages in the DOM, 50 more or fewer per scroll step. */
export const WINDOW_SIZES: WindowSizes = { tail: 100, max: 150, page: 50 };

/**
 * What the window holds: the key of its first message, and of its last one, or none when it
 * reaches to the newest message (it then grows with new messages, see `follow`).
 */
export interface WindowSpec {
  readonly start?: string;
  readonly end?: string;
}

/** A window resolved to indices: messages `[start, end)` are rendered. */
export interface WindowRange {
  readonly start: number;
  readonly end: number;
}

/** The key rows use for a message (stable across the ack: the clientId when there is one). */
export const messageKey = (m: ChatMessage): string => m.clientId ?? m.id;

/** Index of `key`, looked for at `hint` and next to it first; -1 when absent. */
export function indexOfKey(list: readonly ChatMessage[], key: string, hint: number): number {
  for (const i of [hint, hint - 1, hint + 1]) {
    const m = list[i];
    if (m && messageKey(m) === key) return i;
  }
  // Moved (older pages put in front, a message removed): one scan from the newest end.
  for (let i = list.length - 1; i >= 0; i--) if (messageKey(list[i]!) === key) return i;
  return -1;
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/**
 * Resolves `spec` over `list`. `hint` is the range of the previous render (where the keys were).
 * `follow` (the view is pinned to the newest message): an open-ended window that grew past `max`
 * drops its oldest messages, down to `tail`, in one step (not one per new message). Returns the
 * range and the spec to keep (changed only when it had to be).
 */
export function resolveWindow(
  list: readonly ChatMessage[],
  spec: WindowSpec,
  hint: WindowRange,
  follow: boolean,
  sizes: WindowSizes = WINDOW_SIZES,
): { range: WindowRange; spec: WindowSpec } {
  const len = list.length;
  const atEnd = spec.end === undefined ? len - 1 : indexOfKey(list, spec.end, hint.end - 1);
  const atStart = spec.start === undefined ? -1 : indexOfKey(list, spec.start, hint.start);
  // Every key it held is gone (another conversation, a reset): back to the newest messages.
  if (spec.start !== undefined && atStart === -1 && (spec.end === undefined || atEnd === -1))
    return resolveWindow(list, {}, { start: 0, end: len }, follow, sizes);
  const end = atEnd === -1 ? clamp(hint.end, 0, len) : atEnd + 1;
  let start = Math.max(0, end - sizes.tail);
  if (spec.start !== undefined) start = atStart === -1 ? clamp(hint.start, 0, end) : Math.min(atStart, end);
  if (follow && spec.end === undefined && end - start > sizes.max) start = end - sizes.tail;
  const first = list[start];
  const next: WindowSpec = {
    ...(first ? { start: messageKey(first) } : {}),
    ...(spec.end !== undefined && end > 0 ? { end: messageKey(list[end - 1]!) } : {}),
  };
  const same = next.start === spec.start && next.end === spec.end;
  return { range: { start, end }, spec: same ? spec : next };
}

/** The window one step older: `page` more messages in front, the newest dropped past `max`. */
export function stepUp(list: readonly ChatMessage[], range: WindowRange, sizes: WindowSizes = WINDOW_SIZES): WindowSpec {
  const start = Math.max(0, range.start - sizes.page);
  const end = Math.min(range.end, start + sizes.max);
  return specOf(list, start, end);
}

/** The window one step newer: `page` more messages after it, the oldest dropped past `max`. */
export function stepDown(list: readonly ChatMessage[], range: WindowRange, sizes: WindowSizes = WINDOW_SIZES): WindowSpec {
  const end = Math.min(list.length, range.end + sizes.page);
  const start = Math.max(range.start, end - sizes.max);
  return specOf(list, start, end);
}

/** The window over `[start, end)`, held by keys (always closed: see `follow` for the open end). */
export function specOf(list: readonly ChatMessage[], start: number, end: number): WindowSpec {
  const first = list[start];
  const last = list[end - 1];
  return { ...(first ? { start: messageKey(first) } : {}), ...(last ? { end: messageKey(last) } : {}) };
}
