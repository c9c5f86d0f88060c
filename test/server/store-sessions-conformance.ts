/**
 * The sessions part of the ChatStore conformance suite (called from store-conformance.ts, so it
 * runs against SQLite and a real PostgreSQL): round-trips, lifetimes' columns, revocation.
 */
import { expect, it } from 'vitest';
import type { ChatStore, SessionRow } from '../../server/db/chat-store';

const T0 = 1_700_000_000_000;

function session(id: string, over: Partial<SessionRow> = {}): SessionRow {
  return {
    id,
    userKey: `s:${id}`,
    userId: null,
    verified: false,
    profile: { name: 'Ann', attributes: { plan: 'pro', seats: 3, trial: false } },
    locale: 'en-GB',
    metadata: { url: 'https://shop.example/cart' },
    createdAt: T0,
    lastSeenAt: T0,
    identityExpiresAt: null,
    revokedAt: null,
    revokedReason: null,
    ...over,
  };
}

/** Registers the sessions tests (inside the suite's `describe`). */
export function sessions(fresh: () => Promise<ChatStore>): void {
  it('sessions round-trip, by token hash and id; touch and verify change them', async () => {
    const store = await fresh();
    const row = session('s1');
    await store.createSession(row, 'hash-1');
    expect(await store.sessionByTokenHash('hash-1')).toEqual(row);
    expect(await store.session('s1')).toEqual(row);
    expect(await store.sessionByTokenHash('nope')).toBeUndefined();
    expect(await store.session('nope')).toBeUndefined();
    const touched = { ...row, profile: { name: 'Bo' }, locale: 'ru', metadata: { page: '/x' } };
    await store.touchSession(touched, T0 + 5);
    await store.markVerified('s1');
    expect(await store.session('s1')).toEqual({ ...touched, lastSeenAt: T0 + 5, verified: true });
  });

  it('a signed-in session keeps its identity expiry (ms beyond 2^31), which a refresh moves', async () => {
    const store = await fresh();
    const expires = T0 + 86_400_000;
    const row = session('s2', { userKey: 'u:42', userId: '42', verified: true, identityExpiresAt: expires });
    await store.createSession(row, 'hash-2');
    expect(await store.sessionByTokenHash('hash-2')).toEqual(row);
    await store.setSessionIdentityExpiry('s2', expires + 3_600_000);
    expect((await store.session('s2'))!.identityExpiresAt).toBe(expires + 3_600_000);
  });

  it('seenSession moves lastSeenAt only when it is older than the bound', async () => {
    const store = await fresh();
    await store.createSession(session('s3'), 'hash-3');
    await store.seenSession('s3', T0 + 10, T0 - 1);
    expect((await store.session('s3'))!.lastSeenAt).toBe(T0);
    await store.seenSession('s3', T0 + 10, T0 + 5);
    expect((await store.session('s3'))!.lastSeenAt).toBe(T0 + 10);
  });

  it('revokeSession: once, atomically (of concurrent callers exactly one wins); a refresh no longer applies', async () => {
    const store = await fresh();
    await store.createSession(session('s4', { identityExpiresAt: T0 + 1000 }), 'hash-4');
    const wins = await Promise.all(Array.from({ length: 8 }, (_, i) => store.revokeSession('s4', T0 + 20 + i, 'logout')));
    expect(wins.filter(Boolean)).toHaveLength(1);
    const revoked = (await store.sessionByTokenHash('hash-4'))!;
    expect(revoked.revokedReason).toBe('logout');
    expect(revoked.revokedAt).toBeGreaterThanOrEqual(T0 + 20);
    expect(await store.revokeSession('s4', T0 + 99, 'rotated')).toBe(false);
    expect((await store.session('s4'))!.revokedReason).toBe('logout');
    await store.setSessionIdentityExpiry('s4', T0 + 5000);
    expect((await store.session('s4'))!.identityExpiresAt).toBe(T0 + 1000);
    expect(await store.revokeSession('nope', T0, 'logout')).toBe(false);
  });
}
