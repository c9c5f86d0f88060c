/**
 * Identity verification of signed-in users: hash = hex HMAC-SHA256(secret, `${userId}:${expires}`).
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Computes the identity hash the customer's backend gives its page for `userId`. */
export function signIdentity(secret: string, userId: string, expiresUnix: number): string {
  return createHmac('sha256', secret).update(`${userId}:${expiresUnix}`).digest('hex');
}

/**
 * Why an identity was refused, or null when it is valid. `too_long`: the expiry is further ahead
 * than the server's maximum signature lifetime (a signature that never really expires).
 */
export type IdentityProblem = 'missing' | 'expired' | 'mismatch' | 'too_long' | null;

/**
 * Checks a user's identity hash in constant time. `nowMs` is the server clock; `maxLifetimeMs`,
 * how far ahead of it `expires` may be (unbounded when absent).
 */
export function checkIdentity(
  secret: string,
  userId: string,
  hash: unknown,
  expires: unknown,
  nowMs: number,
  maxLifetimeMs = Number.POSITIVE_INFINITY,
): IdentityProblem {
  if (typeof hash !== 'string' || typeof expires !== 'number' || !Number.isInteger(expires)) return 'missing';
  const expected = Buffer.from(signIdentity(secret, userId, expires), 'utf8');
  const given = Buffer.from(hash.toLowerCase(), 'utf8');
  const same = given.length === expected.length && timingSafeEqual(given, expected);
  if (!same) return 'mismatch';
  if (expires * 1000 <= nowMs) return 'expired';
  if (expires * 1000 - nowMs > maxLifetimeMs) return 'too_long';
  return null;
}

/** The refusal message of an identity problem (sent to the client with error `auth`). */
export function identityRefusal(problem: Exclude<IdentityProblem, null>, maxLifetimeMs: number): string {
  if (problem === 'expired') return 'identity hash expired: ask the host page for a fresh one';
  if (problem === 'too_long') return `identity hash expires too far ahead: at most ${Math.round(maxLifetimeMs / 1000)} s from now`;
  return 'identity hash invalid';
}
