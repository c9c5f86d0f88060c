/**
 * When a customer session ends: revoked (logout, rotation), idle too long, too old, or its
 * identity signature expired. An ended session's token is refused like an unknown one.
 * @module
 */
import type { SessionRow } from '../db/rows';
import type { SessionLifetimeSettings } from './settings';

/** Why a session is no longer valid. */
export type SessionEnd = 'revoked' | 'idle' | 'expired' | 'identity_expired';

/** The moment a session ends unless used (idle), refreshed (identity) or revoked first, ms. */
export function sessionEndsAt(s: SessionLifetimeSettings, row: SessionRow): number {
  return Math.min(row.lastSeenAt + s.idleMs, row.createdAt + s.maxAgeMs, row.identityExpiresAt ?? Number.POSITIVE_INFINITY);
}

/** Why the session has ended at `now`, or null while it is valid. */
export function sessionEnd(s: SessionLifetimeSettings, row: SessionRow, now: number): SessionEnd | null {
  if (row.revokedAt !== null) return 'revoked';
  if (row.identityExpiresAt !== null && row.identityExpiresAt <= now) return 'identity_expired';
  if (row.createdAt + s.maxAgeMs <= now) return 'expired';
  if (row.lastSeenAt + s.idleMs <= now) return 'idle';
  return null;
}
