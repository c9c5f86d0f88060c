/**
 * Bounded layout of untrusted text: tokens computed once per part, a visible prefix, and break
 * opportunities inside long unbroken runs. Pure: no DOM, no preact.
 * @module
 */
import { linkify, type TextToken } from '../shared/linkify';

/** Characters a text shows before "Show more". */
export const TEXT_CAP = 3_000;
/** Characters each "Show more" adds: the reveal stays as cheap as the first render. */
export const TEXT_STEP = 6_000;
/** A run of non-space characters longer than this gets break opportunities; words stay whole. */
export const RUN_MAX = 30;
/** Inside such a run, a break opportunity every this many characters, so its lines stay full. */
export const RUN_STEP = 10;

// Keyed by the part object (messages are immutable), so re-renders never re-linkify.
const tokenCache = new WeakMap<object, { text: string; tokens: TextToken[] }>();

/** The tokens of `text`, computed once per `key` (a part object). */
export function tokensOf(key: object, text: string): TextToken[] {
  const hit = tokenCache.get(key);
  if (hit && hit.text === text) return hit.tokens;
  const tokens = linkify(text);
  tokenCache.set(key, { text, tokens });
  return tokens;
}

/** The first `limit` characters of `tokens`; `cut` when something was left out. */
export function clip(tokens: readonly TextToken[], limit: number): { tokens: TextToken[]; cut: boolean } {
  const out: TextToken[] = [];
  let left = limit;
  for (const token of tokens) {
    if (token.text.length <= left) {
      out.push(token);
      left -= token.text.length;
      continue;
    }
    // A link cut in half would point somewhere else: its visible part stays plain text.
    if (left > 0) out.push({ kind: 'text', text: token.text.slice(0, left) });
    return { tokens: out, cut: true };
  }
  return { tokens: out, cut: false };
}

/**
 * Splits `text` so that a run of more than `run` non-space characters is cut every `step`
 * characters after its first `run`; the renderer puts a `<wbr>` between pieces (Chromium's line
 * breaking is slow on a long run, and ragged when the only breaks are far apart). Never splits
 * a surrogate pair.
 */
export function breakRuns(text: string, run = RUN_MAX, step = RUN_STEP): string[] {
  if (text.length <= run) return [text];
  const pieces: string[] = [];
  let start = 0;
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Space and control characters (tab, newline) already break a line.
    if (c <= 32) runStart = i + 1;
    else if (i - start >= step && i - runStart >= run && !(c >= 0xdc00 && c <= 0xdfff)) {
      pieces.push(text.slice(start, i));
      start = i;
    }
  }
  pieces.push(text.slice(start));
  return pieces;
}
