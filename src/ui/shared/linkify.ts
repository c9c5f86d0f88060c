/**
 * Splits untrusted text into plain runs and links, for rendering as text nodes and anchors.
 * Only http(s), mailto and tel are linked; trailing punctuation stays text.
 * @module
 */
import { LINK_SCHEMES, safeUrl } from './safe-url';

/** A run of text, or a link with the text it shows and the checked href. */
export type TextToken = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Links per text by default: past this the rest stays text, so 10,000 URLs cost 10,000 nothing. */
export const MAX_LINKS = 100;

const CANDIDATE = /\b(?:https?:\/\/|mailto:|tel:)[^\s<>"'`]+/gi;
const TRAILING = '.,;:!?\'")]}»';

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

function trimTrailing(candidate: string): string {
  // A loop, not /[…]+$/: that regex is quadratic on a long run of punctuation (a page freeze).
  let end = candidate.length;
  while (end > 0 && TRAILING.includes(candidate[end - 1]!)) end--;
  let s = candidate.slice(0, end);
  // Keep a closing parenthesis that closes one opened inside the URL (Wikipedia-style links).
  if (candidate[end] === ')' && count(s, '(') > count(s, ')')) s += ')';
  return s;
}

/**
 * Tokenises `text`; joining every token's `text` gives back `text` exactly.
 * @param maxLinks - links made at most; later URLs stay plain text.
 */
export function linkify(text: string, maxLinks = MAX_LINKS): TextToken[] {
  const tokens: TextToken[] = [];
  let last = 0;
  let links = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    if (links >= maxLinks) break;
    const start = match.index ?? 0;
    const raw = trimTrailing(match[0]);
    const href = safeUrl(raw, LINK_SCHEMES);
    if (!href || raw.length < 8) continue;
    if (start > last) tokens.push({ kind: 'text', text: text.slice(last, start) });
    tokens.push({ kind: 'link', text: raw, href });
    last = start + raw.length;
    links++;
  }
  if (last < text.length) tokens.push({ kind: 'text', text: text.slice(last) });
  return tokens;
}
