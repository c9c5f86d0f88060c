/**
 * Identity verification of signed-in users: hash = hex HMAC-SHA256(secret, `${userId}:${expires}`).
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Computes the identity hash the customer's backend gives its page for `userId`. */
export function signIdentity(secret: string, userId: string, expiresUnix: number): string {
  return createHmac('sha256', secret).update(`${userId}:${expiresUnix}`).digest('hex');
}

/** Why an identity was refused, or null when it is valid. */
export type IdentityProblem = 'missing' | 'expired' | 'mismatch' | null;

/** Checks a user's identity hash in constant time. `nowMs` is the server clock. */
export function checkIdentity(secret: string, userId: string, hash: unknown, expires: unknown, nowMs: number): IdentityProblem {
  if (typeof hash !== 'string' || typeof expires !== 'number' || !Number.isInteger(expires)) return 'missing';
  const expected = Buffer.from(signIdentity(secret, userId, expires), 'utf8');
  const given = Buffer.from(hash.toLowerCase(), 'utf8');
  const same = given.length === expected.length && timingSafeEqual(given, expected);
  if (!same) return 'mismatch';
  if (expires * 1000 <= nowMs) return 'expired';
  return null;
}
