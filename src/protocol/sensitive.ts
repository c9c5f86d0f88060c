/**
 * Sensitive-data detector, shared by the widget (the composer's guard) and the reference server
 * (its masking of stored text). Framework-free and linear-time: one pass over the text with
 * bounded look-ahead, no regular expression that can backtrack.
 *
 * What it finds:
 * - `card`: 13–19 digits, unbroken or grouped by spaces or dashes (4-4-4-4, 4-6-5, …), Luhn-valid,
 *   starting with 2–6 (the payment-card industries: Mir, Visa, Mastercard, Amex, JCB, UnionPay,
 *   Discover, Maestro), not part of a longer unbroken digit run and not glued to letters (so IBANs
 *   such as `DE89 3704 0044 0532 0130 00` are left alone: they are shared to receive money and
 *   have their own checksum).
 * - `cvc`: 3–4 digits after CVC/CVV/CVV2/CVC2/CID/security code/код безопасности, or 3 digits
 *   (4 for Amex) right after a card number.
 * - `code`: 4–8 digits after code/OTP/PIN/SMS/passcode/код/пин/смс (fillers like "is", "из смс"
 *   in between are skipped).
 * - `password`: the word typed after password/passcode/пароль when it follows a colon or looks like
 *   a password (has a digit or a symbol): "пароль: qwerty123", "my password is Tr0ub4dor".
 * @module
 */

/** What a finding is. */
export type SensitiveKind = 'card' | 'cvc' | 'code' | 'password';

/** One sensitive span of the text: `text.slice(start, end)`. */
export interface SensitiveFinding {
  kind: SensitiveKind;
  start: number;
  end: number;
  /** Last four digits of a card number (only for `card`). */
  last4?: string;
}

/** Options of {@link findSensitive} and {@link maskSensitive}. */
export interface SensitiveOptions {
  /** Kinds to look for (all by default). */
  kinds?: readonly SensitiveKind[];
}

const ALL: readonly SensitiveKind[] = ['card', 'cvc', 'code', 'password'];
/** Longest piece of a value looked at after a keyword. */
const MAX_PIECE = 64;
/** Pieces (value and fillers) looked at after a keyword. */
const MAX_PIECES = 4;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isSep = (ch: string): boolean => ch === ' ' || ch === '-' || ch === '\u00a0' || ch === '\u202f';
const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\u00a0' || ch === '\u202f';
const LETTER = /\p{L}/u;
const isLetter = (ch: string | undefined): boolean => ch !== undefined && ch !== '' && LETTER.test(ch);

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
    a = w.b + 1;
  }
  if (cards.length === 0) return;
  let rest = 0;
  for (let k = a; k < groups.length && rest <= 4; k++) rest += groups[k]!.end - groups[k]!.start;
  if (rest > (isAmex(lastDigits) ? 4 : 3)) return;
  out.push(...cards);
}

/** Every card number of the text. */
function findCards(text: string): SensitiveFinding[] {
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

type KeywordKind = 'cvc' | 'code' | 'password';

const KEYWORDS: Record<string, KeywordKind> = {
  cvc: 'cvc',
  cvv: 'cvc',
  cvc2: 'cvc',
  cvv2: 'cvc',
  cvn: 'cvc',
  cid: 'cvc',
  свс: 'cvc',
  свв: 'cvc',
  code: 'code',
  otp: 'code',
  pin: 'code',
  sms: 'code',
  код: 'code',
  кода: 'code',
  коду: 'code',
  пин: 'code',
  пинкод: 'code',
  смс: 'code',
  password: 'password',
  passcode: 'password',
  passwd: 'password',
  pwd: 'password',
  пароль: 'password',
  пароля: 'password',
};

/** Words before "code" that make it something else than a secret (zip code 90210). */
const NOT_SECRET_BEFORE = new Set([
  'zip',
  'postal',
  'post',
  'promo',
  'country',
  'area',
  'error',
  'tracking',
  'order',
  'product',
  'swift',
  'sort',
  'bic',
  'discount',
  'coupon',
  'qr',
  'source',
]);
/** Words after "код" that make it something else (код ошибки 4031, код заказа). */
const NOT_SECRET_AFTER = new Set([
  'ошибки',
  'заказа',
  'отделения',
  'региона',
  'страны',
  'города',
  'товара',
  'подразделения',
  'бик',
  'бика',
  'of',
]);
/** Words skipped between a keyword and its value. */
const FILLERS = new Set([
  'is',
  'was',
  'its',
  "it's",
  'my',
  'the',
  'a',
  'number',
  'no',
  'from',
  'sms',
  'text',
  'via',
  'code',
  'otp',
  'pin',
  'here',
  'it',
  'this',
  'это',
  'мой',
  'моя',
  'мои',
  'из',
  'смс',
  'такой',
  'вот',
  'был',
  'была',
  'номер',
  'пришел',
  'пришёл',
  'пришла',
  'код',
  'кода',
  'по',
  'в',
  'сообщения',
  'sms-code',
  'смс-код',
  'пин-код',
  '—',
  '–',
  '-',
  ':',
  '=',
  'security',
  'безопасности',
]);

const TRIM_END = '.,;!?)"»\'';
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
function findAfterKeywords(text: string, kinds: ReadonlySet<SensitiveKind>): SensitiveFinding[] {
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
    let kind = w.end - w.start <= 8 ? KEYWORDS[w.lower] : undefined;
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

/** A CVC right after a card: the next digits within a short gap (3, or 4 for Amex). */
function cvcAfterCard(text: string, card: SensitiveFinding): SensitiveFinding | null {
  let p = card.end;
  const limit = Math.min(text.length, p + 12);
  while (p < limit && !isDigit(text.charCodeAt(p)) && !isLetter(text[p]) && text[p] !== '\n') p++;
  if (p >= limit || !isDigit(text.charCodeAt(p))) return null;
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

/**
 * Finds card numbers, CVCs, codes and passwords in a text, in text order, never overlapping.
 * Linear in the text's length.
 */
export function findSensitive(text: string, options: SensitiveOptions = {}): SensitiveFinding[] {
  const kinds = new Set(options.kinds ?? ALL);
  const cards = findCards(text);
  const found: SensitiveFinding[] = [];
  if (kinds.has('card')) found.push(...cards);
  if (kinds.has('cvc'))
    for (const card of cards) {
      const cvc = cvcAfterCard(text, card);
      if (cvc) found.push(cvc);
    }
  for (const f of findAfterKeywords(text, kinds)) found.push(f);
  found.sort((x, y) => x.start - y.start || y.end - x.end);
  const out: SensitiveFinding[] = [];
  let reached = 0;
  let c = 0;
  for (const f of found) {
    if (f.start < reached) continue;
    // Digits of a card are never also a "code" (cards are in text order: one forward pointer).
    while (c < cards.length && cards[c]!.end <= f.start) c++;
    const card = cards[c];
    if (f.kind !== 'card' && card && card.start < f.end) continue;
    out.push(f);
    reached = f.end;
  }
  return out;
}

/** The mask shown for a finding: `•••• 1111` for cards, `•••` for the rest. */
export function maskFor(finding: SensitiveFinding): string {
  return finding.kind === 'card' ? `•••• ${finding.last4 ?? ''}`.trimEnd() : '•••';
}

/** The text with every finding replaced by its mask. */
export function maskSensitive(text: string, options: SensitiveOptions = {}): string {
  const findings = findSensitive(text, options);
  if (findings.length === 0) return text;
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start) + maskFor(f);
    at = f.end;
  }
  return out + text.slice(at);
}
