/**
 * CVCs, codes and passwords typed after their keywords (EN and RU), for the sensitive-data detector
 * (sensitive.ts). The look-ahead after a keyword is bounded (a few pieces of at most 64
 * characters), so the scan stays linear.
 * @module
 */
import { isDigit, isLetter, isSpace, TRIM_END } from './sensitive-cards';
import type { SensitiveFinding, SensitiveKind } from './sensitive';

type KeywordKind = 'cvc' | 'code' | 'password';

/** Longest piece of a value looked at after a keyword. */
const MAX_PIECE = 64;
/** Pieces (value and fillers) looked at after a keyword. */
const MAX_PIECES = 4;

const KEYWORD_LISTS: ReadonlyArray<readonly [KeywordKind, string]> = [
  ['cvc', 'cvc cvv cvc2 cvv2 cvn cid свс свв'],
  ['code', 'code otp pin sms код кода коду пин пинкод смс'],
  ['password', 'password passcode passwd pwd пароль пароля'],
];
const KEYWORDS = new Map<string, KeywordKind>();
for (const [kind, list] of KEYWORD_LISTS) for (const word of list.split(' ')) KEYWORDS.set(word, kind);

const words = (list: string): ReadonlySet<string> => new Set(list.split(' '));
/** Words before "code" that make it something else than a secret (zip code 90210). */
const NOT_SECRET_BEFORE = words('zip postal post promo country area error tracking order product swift sort bic discount coupon qr source');
/** Words after "код" that make it something else (код ошибки 4031, код заказа). */
const NOT_SECRET_AFTER = words('ошибки заказа отделения региона страны города товара подразделения бик бика of');
/** Words skipped between a keyword and its value. */
const FILLERS = words(
  "is was its it's my the a number no from sms text via code otp pin here it this security for to app account login online bank banking " +
    'это мой моя мои из смс такой вот был была номер пришел пришёл пришла код кода по в сообщения безопасности ' +
    'от для приложения банка входа кабинета личного аккаунта интернет-банка онлайн ' +
    'sms-code смс-код пин-код — – - : =',
);

const LEAD = ':=-–—"«\'(';

/** A whitespace-delimited piece at `p` (after skipping spaces), bounded. */
function pieceAt(text: string, p: number): { start: number; end: number; rawEnd: number; colon: boolean } | null {
  let colon = false;
  let q = p;
  for (let n = 0; q < text.length && n < 8 && (isSpace(text[q]!) || LEAD.includes(text[q]!)); n++, q++) {
    if (text[q] === '\n') return null;
    if (text[q] === ':' || text[q] === '=') colon = true;
  }
  if (q >= text.length || isSpace(text[q]!) || LEAD.includes(text[q]!)) return null;
  let end = q;
  while (end < text.length && end - q < MAX_PIECE && !isSpace(text[end]!)) end++;
  if (end - q >= MAX_PIECE) return null;
  const rawEnd = end;
  while (end > q && TRIM_END.includes(text[end - 1]!)) end--;
  return end > q ? { start: q, end, rawEnd, colon } : null;
}

const allDigits = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return s.length > 0;
};

function looksLikePassword(s: string, colon: boolean): boolean {
  if (s.length < 4) return false;
  if (colon) return true;
  let letters = false;
  let other = false;
  for (const ch of s) {
    if (isLetter(ch)) letters = true;
    else other = true;
  }
  return letters && other;
}

/** "482 913" at `p` (3 digits, a space, 3 digits, then no more digits), as a code. */
function halves(text: string, p: number): SensitiveFinding | null {
  for (let k = 0; k < 7; k++) {
    const c = text.charCodeAt(p + k);
    if (k === 3 ? text[p + k] !== ' ' : !isDigit(c)) return null;
  }
  const after = text[p + 7];
  if (after !== undefined && !isSpace(after) && !TRIM_END.includes(after)) return null;
  return { kind: 'code', start: p, end: p + 7 };
}

/** The value after a keyword ending at `p`, if any. */
function valueAfter(text: string, p: number, kind: KeywordKind): SensitiveFinding | null {
  let colonSeen = false;
  for (let n = 0; n < MAX_PIECES; n++) {
    const piece = pieceAt(text, p);
    if (!piece) return null;
    colonSeen ||= piece.colon;
    const s = text.slice(piece.start, piece.end);
    const after = text[piece.end];
    if (allDigits(s)) {
      // Part of a date, an amount or a phone number ("12/27", "1,000", "555-35-35"): not a code.
      if (after !== undefined && !isSpace(after) && !TRIM_END.includes(after)) return null;
      if (after !== undefined && TRIM_END.includes(after) && isDigit(text.charCodeAt(piece.end + 1))) return null;
      // A code shown as two halves: "482 913".
      if (kind === 'code' && s.length === 3) return halves(text, piece.start);
      const len = s.length;
      const ok = kind === 'cvc' ? len === 3 || len === 4 : kind === 'code' ? len >= 4 && len <= 8 : len >= 4;
      return ok ? { kind, start: piece.start, end: piece.end } : null;
    }
    const word = s.toLowerCase();
    if (FILLERS.has(word)) {
      p = piece.end;
      continue;
    }
    if (kind === 'password' && looksLikePassword(s, colonSeen)) {
      // A password may end in punctuation: only a closing full stop or comma is left out.
      let end = piece.rawEnd;
      if (end - 1 > piece.start && (text[end - 1] === '.' || text[end - 1] === ',')) end--;
      return { kind, start: piece.start, end };
    }
    return null;
  }
  return null;
}

interface Word {
  start: number;
  end: number;
  lower: string;
}

/** The word (letters and digits) starting at `i`. */
function wordAt(text: string, i: number): Word {
  let end = i;
  while (end < text.length && end - i < 32 && (isLetter(text[end]) || isDigit(text.charCodeAt(end)))) end++;
  while (end < text.length && (isLetter(text[end]) || isDigit(text.charCodeAt(end)))) end++;
  return { start: i, end, lower: text.slice(i, Math.min(end, i + 32)).toLowerCase() };
}

/** CVCs, codes and passwords typed after their keywords. */
export function findAfterKeywords(text: string, kinds: ReadonlySet<SensitiveKind>): SensitiveFinding[] {
  const out: SensitiveFinding[] = [];
  let prev = '';
  let i = 0;
  while (i < text.length) {
    if (!isLetter(text[i])) {
      i++;
      continue;
    }
    const w = wordAt(text, i);
    const next = wordAt(text, skipSpaces(text, w.end));
    let kind = w.end - w.start <= 8 ? KEYWORDS.get(w.lower) : undefined;
    // "security code 123", "код безопасности 123": a CVC.
    if (kind === 'code' && (prev === 'security' || next.lower === 'безопасности')) kind = 'cvc';
    if (kind && kinds.has(kind) && !(kind === 'code' && NOT_SECRET_BEFORE.has(prev))) {
      if (!NOT_SECRET_AFTER.has(next.lower)) {
        const found = valueAfter(text, w.end, kind);
        if (found) {
          out.push(found);
          prev = '';
          i = found.end;
          continue;
        }
      }
    }
    prev = w.lower;
    i = w.end;
  }
  return out;
}

function skipSpaces(text: string, p: number): number {
  let q = p;
  while (q < text.length && q - p < 8 && (isSpace(text[q]!) || text[q] === '-')) q++;
  return q;
}
