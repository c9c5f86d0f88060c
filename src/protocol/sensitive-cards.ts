/**
 * Card numbers for the sensitive-data detector (sensitive.ts): digit chunks, card-shaped windows,
 * Luhn, and the CVC typed right after a card. Linear: every character is read a bounded number
 * of times.
 * @module
 */
import type { SensitiveFinding } from './sensitive';

export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isSep = (ch: string): boolean => ch === ' ' || ch === '-' || ch === '\u00a0' || ch === '\u202f';
export const isSpace = (ch: string): boolean =>
  ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\u00a0' || ch === '\u202f';
const LETTER = /\p{L}/u;
/** A letter of any script (ASCII and Cyrillic without the regular expression: the hot path). */
export const isLetter = (ch: string | undefined): boolean => {
  if (ch === undefined || ch === '') return false;
  const c = ch.charCodeAt(0) | 32;
  if (ch.charCodeAt(0) < 128) return c >= 97 && c <= 122;
  return (ch >= '\u0400' && ch <= '\u04ff') || LETTER.test(ch);
};
/** Punctuation that may close a value ("1234." "1234,"). */
export const TRIM_END = '.,;:!?)"»\'';

/** Luhn check of a digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

interface Group {
  start: number;
  end: number;
}

/** Reads the digit groups joined by single separators from `i`; returns them and the end. */
function readChunk(text: string, i: number): Group[] {
  const groups: Group[] = [];
  let p = i;
  for (;;) {
    const start = p;
    while (p < text.length && isDigit(text.charCodeAt(p))) p++;
    groups.push({ start, end: p });
    if (p + 1 < text.length && isSep(text[p]!) && isDigit(text.charCodeAt(p + 1))) p++;
    else return groups;
  }
}

/** A window of groups is shaped like a card: inner groups of 4–6 digits, the last one 1–6 (or one unbroken run). */
function cardShaped(groups: Group[], a: number, b: number): boolean {
  if (a === b) return true;
  for (let k = a; k <= b; k++) {
    const len = groups[k]!.end - groups[k]!.start;
    if (len > 6 || (k < b && len < 4)) return false;
  }
  return true;
}

function digitsOf(text: string, groups: Group[], a: number, b: number): string {
  let s = '';
  for (let k = a; k <= b; k++) s += text.slice(groups[k]!.start, groups[k]!.end);
  return s;
}

const isAmex = (d: string): boolean => d.length === 15 && d[0] === '3' && (d[1] === '4' || d[1] === '7');

/** The longest card-shaped, Luhn-valid window of groups from `a`, or -1. */
function cardWindow(text: string, groups: Group[], a: number): { b: number; digits: string } | null {
  let best: { b: number; digits: string } | null = null;
  let count = 0;
  for (let b = a; b < groups.length && count <= 19; b++) {
    count += groups[b]!.end - groups[b]!.start;
    if (count < 13 || count > 19 || !cardShaped(groups, a, b)) continue;
    const d = digitsOf(text, groups, a, b);
    if (d.charCodeAt(0) >= 50 && d.charCodeAt(0) <= 54 && luhnValid(d)) best = { b, digits: d };
  }
  return best;
}

/** The first group from `a` that is an unbroken run of card length, or -1. */
function nextLongRun(groups: Group[], a: number): number {
  for (let k = a; k < groups.length; k++) {
    const len = groups[k]!.end - groups[k]!.start;
    if (len >= 13 && len <= 19) return k;
  }
  return -1;
}

/**
 * Card numbers of one chunk of digit groups: cards back to back from its first group; what is left
 * after the last one may only be a CVC (3 digits, 4 after an Amex). Anything longer means the
 * digits belong to a longer number (a grouped 20-digit account number), and nothing is found.
 */
function cardsInChunk(text: string, groups: Group[], out: SensitiveFinding[]): void {
  const cards: SensitiveFinding[] = [];
  let a = 0;
  let lastDigits = '';
  let lastGrouped = false;
  while (a < groups.length) {
    const w = cardWindow(text, groups, a);
    if (!w) {
      // "paid 500 4111111111111111": an unbroken run of card length stands on its own.
      const next = cards.length === 0 ? nextLongRun(groups, a + 1) : -1;
      if (next === -1) break;
      a = next;
      continue;
    }
    cards.push({ kind: 'card', start: groups[a]!.start, end: groups[w.b]!.end, last4: w.digits.slice(-4) });
    lastDigits = w.digits;
    lastGrouped = w.b > a;
    a = w.b + 1;
  }
  if (cards.length === 0) return;
  // After an unbroken run ("4111111111111111 2027") the next group is a number of its own.
  if (!lastGrouped) return void out.push(...cards);
  let rest = 0;
  for (let k = a; k < groups.length && rest <= 4; k++) rest += groups[k]!.end - groups[k]!.start;
  if (rest > (isAmex(lastDigits) ? 4 : 3)) return;
  out.push(...cards);
}

/** Every card number of the text. */
export function findCards(text: string): SensitiveFinding[] {
  const out: SensitiveFinding[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const groups = readChunk(text, i);
    const end = groups[groups.length - 1]!.end;
    // Glued to letters (IBANs, codes like "AB1234…"): not a card typed by a person.
    // A leading "+" makes it a phone number.
    if (!isLetter(text[i - 1]) && !isLetter(text[end]) && text[i - 1] !== '+') cardsInChunk(text, groups, out);
    i = end;
  }
  return out;
}

/** Skips punctuation and spaces (not letters, digits or line breaks) from `p`, at most 12 characters. */
function skipGap(text: string, p: number): number {
  const limit = Math.min(text.length, p + 12);
  while (p < limit && !isDigit(text.charCodeAt(p)) && !isLetter(text[p]) && text[p] !== '\n') p++;
  return p;
}

/** The end of an expiry date "MM/YY" or "MM/YYYY" at `p`, or `p`. */
function skipExpiry(text: string, p: number): number {
  let q = p;
  while (q < text.length && q - p < 2 && isDigit(text.charCodeAt(q))) q++;
  if (q - p !== 2 || text[q] !== '/') return p;
  const y = ++q;
  while (q < text.length && q - y < 5 && isDigit(text.charCodeAt(q))) q++;
  return q - y === 2 || q - y === 4 ? q : p;
}

/** A CVC right after a card (an expiry date may come between): 3 digits, or 4 for Amex. */
export function cvcAfterCard(text: string, card: SensitiveFinding): SensitiveFinding | null {
  let p = skipGap(text, card.end);
  const expiry = skipExpiry(text, p);
  if (expiry !== p) p = skipGap(text, expiry);
  if (p >= text.length || !isDigit(text.charCodeAt(p))) return null;
  let end = p;
  while (end < text.length && end - p < 5 && isDigit(text.charCodeAt(end))) end++;
  const len = end - p;
  const amex = card.end - card.start >= 15 && text.slice(card.start, card.start + 2).match(/^3[47]$/) !== null;
  if (!(len === 3 || (amex && len === 4))) return null;
  const after = text[end];
  if (after !== undefined && !isSpace(after) && !TRIM_END.includes(after)) return null;
  if (after !== undefined && TRIM_END.includes(after) && isDigit(text.charCodeAt(end + 1))) return null;
  return { kind: 'cvc', start: p, end };
}
