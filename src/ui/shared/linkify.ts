/**
 * Splits untrusted text into plain runs and links, for rendering as text nodes and anchors.
 * Only http(s), mailto and tel are linked; trailing punctuation stays text.
 * @module
 */
import { LINK_SCHEMES, safeUrl } from './safe-url';

/** A run of text, or a link with the text it shows and the checked href. */
export type TextToken = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const CANDIDATE = /\b(?:https?:\/\/|mailto:|tel:)[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'")\]}»]+$/;

function trimTrailing(candidate: string): string {
  let s = candidate.replace(TRAILING, '');
  // Keep a closing parenthesis that closes one opened inside the URL (Wikipedia-style links).
  const rest = candidate.slice(s.length);
  if (rest.startsWith(')') && (s.match(/\(/g)?.length ?? 0) > (s.match(/\)/g)?.length ?? 0)) s += ')';
  return s;
}

/** Tokenises `text`; joining every token's `text` gives back `text` exactly. */
export function linkify(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index ?? 0;
    const raw = trimTrailing(match[0]);
    const href = safeUrl(raw, LINK_SCHEMES);
    if (!href || raw.length < 8) continue;
    if (start > last) tokens.push({ kind: 'text', text: text.slice(last, start) });
    tokens.push({ kind: 'link', text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) tokens.push({ kind: 'text', text: text.slice(last) });
  return tokens;
}
