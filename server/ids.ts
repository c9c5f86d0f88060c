/**
 * Server-side ids and secrets, always from the CSPRNG.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';

/** A short random id with a type prefix, e.g. `m_Q2x…` (96 random bits). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

/** An unguessable bearer token (256 random bits). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a token, hex: tokens are stored hashed so a database leak does not leak sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A uniformly random numeric code of `digits` digits (leading zeros allowed). */
export function newNumericCode(digits: number): string {
  let out = '';
  while (out.length < digits) {
    const byte = randomBytes(1)[0]!;
    if (byte < 250) out += String(byte % 10);
  }
  return out;
}
