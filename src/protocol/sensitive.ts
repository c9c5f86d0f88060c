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
import { cvcAfterCard, findCards } from './sensitive-cards';
import { findAfterKeywords } from './sensitive-words';

export { luhnValid } from './sensitive-cards';

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
