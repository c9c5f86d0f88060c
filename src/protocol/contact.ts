/**
 * Leave-a-message while operators are offline: the contact a customer leaves for the next shift
 * (e-mail or phone), the callback window, and their validation, the same in the widget and on the
 * server. No DOM, no Node APIs.
 * @module
 */

/** The named callback windows; a time of day `HH:MM` (24 h, the customer's own clock) is also allowed. */
export const CALLBACK_WINDOWS = ['any', 'morning', 'afternoon', 'evening'] as const;

/** When the customer would like to be called back: a named window or a time `HH:MM`. */
export type CallbackWindow = (typeof CALLBACK_WINDOWS)[number] | `${number}:${number}`;

/** How the next shift can reach the customer besides this chat: an e-mail address, a phone number, or both. */
export interface ContactDetails {
  email?: string;
  phone?: string;
}

/** What a customer leaves for the next shift (`Chat.leaveContact`, the `handoff.contact` frame). */
export interface LeaveContactRequest {
  contact: ContactDetails;
  /** When to call back (for a phone contact). */
  callbackWindow?: CallbackWindow;
  /** The message for the operator, at most {@link MAX_CONTACT_NOTE} characters. */
  note?: string;
}

/** Longest note of a left contact, characters. */
export const MAX_CONTACT_NOTE = 2000;

const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:".]+(?:\.[^\s@<>()[\]\\,;:".]+)*\.[^\s@<>()[\]\\,;:".\d]{2,}$/u;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The e-mail address trimmed, or undefined when it is not one (at most 254 characters). */
export function normalizeEmail(raw: string): string | undefined {
  const v = raw.trim();
  return v.length <= 254 && EMAIL.test(v) ? v : undefined;
}

/**
 * The phone number as `+` and digits (or digits only when written without `+`), or undefined when
 * it is not one: 7 to 15 digits, written with spaces, dashes, dots or parentheses at most.
 */
export function normalizePhone(raw: string): string | undefined {
  const v = raw.trim();
  if (!/^\+?[\d\s().-]+$/.test(v)) return undefined;
  const digits = v.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return undefined;
  return v.startsWith('+') ? `+${digits}` : digits;
}

/** True for a named callback window or a time `HH:MM`. */
export function isCallbackWindow(v: unknown): v is CallbackWindow {
  return typeof v === 'string' && ((CALLBACK_WINDOWS as readonly string[]).includes(v) || TIME.test(v));
}

/** Which part of a contact is wrong: `missing` (neither given), `email` or `phone`; null when fine. */
export type ContactProblem = 'missing' | 'email' | 'phone';

/**
 * Checks and normalizes a contact. Empty strings count as not given.
 * @returns the cleaned contact, or the first problem.
 */
export function checkContact(c: ContactDetails): { ok: true; contact: ContactDetails } | { ok: false; problem: ContactProblem } {
  const out: ContactDetails = {};
  if (c.email !== undefined && c.email.trim() !== '') {
    const email = normalizeEmail(c.email);
    if (!email) return { ok: false, problem: 'email' };
    out.email = email;
  }
  if (c.phone !== undefined && c.phone.trim() !== '') {
    const phone = normalizePhone(c.phone);
    if (!phone) return { ok: false, problem: 'phone' };
    out.phone = phone;
  }
  if (!out.email && !out.phone) return { ok: false, problem: 'missing' };
  return { ok: true, contact: out };
}
