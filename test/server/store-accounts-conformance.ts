/**
 * Conformance suite of the accounts part of the store (`store.accounts`): every engine must pass it.
 * Call it with a factory of fresh, empty stores.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountRow, ConsoleSessionRow } from '../../server/db/accounts-store';
import type { ChatStore } from '../../server/db/chat-store';

const T0 = 1_700_000_000_000;

function account(id: string, username: string, over: Partial<AccountRow> = {}): AccountRow {
  return {
    id,
    username,
    displayName: `${username} Display`,
    role: 'operator',
    passwordHash: `scrypt$16384$8$1$salt-${id}$hash-${id}`,
    disabled: false,
    avatarUrl: null,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

function consoleSession(id: string, accountId: string, over: Partial<ConsoleSessionRow> = {}): ConsoleSessionRow {
  return {
    id,
    tokenHash: `hash-${id}`,
    accountId,
    createdAt: T0,
    lastSeenAt: T0,
    idleExpiresAt: T0 + 1000,
    absoluteExpiresAt: T0 + 5000,
    revokedAt: null,
    ...over,
  };
}

/** Runs the suite against stores made by `make`. */
export function accountsConformance(name: string, make: () => Promise<ChatStore> | ChatStore): void {
  describe(`AccountStore conformance: ${name}`, () => {
    let store: ChatStore | undefined;
    const open = async (): Promise<ChatStore> => (store = await make());
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });

    it('keeps accounts with every field; usernames are unique case-insensitively', async () => {
      const s = (await open()).accounts;
      const anna = account('op_1', 'Anna', { role: 'supervisor', avatarUrl: 'https://cdn.example/a.png' });
      expect(await s.createAccount(anna)).toBe(true);
      expect(await s.createAccount(account('op_2', 'ANNA'))).toBe(false);
      expect(await s.createAccount(account('op_3', 'boris'))).toBe(true);
      expect(await s.accountById('op_1')).toEqual(anna);
      expect(await s.accountByUsername('aNnA')).toEqual(anna);
      expect(await s.accountById('op_2')).toBeUndefined();
      expect(await s.accountByUsername('nobody')).toBeUndefined();
      expect((await s.listAccounts()).map((a) => a.username)).toEqual(['Anna', 'boris']);
    });

    it('updates role, password hash, disabled flag, display name and avatar', async () => {
      const s = (await open()).accounts;
      await s.createAccount(account('op_1', 'anna'));
      const patch = { role: 'supervisor', passwordHash: 'scrypt$x', disabled: true, displayName: 'Anna K', avatarUrl: null } as const;
      expect(await s.updateAccount('op_1', patch, T0 + 10)).toBe(true);
      expect(await s.accountById('op_1')).toMatchObject({ ...patch, updatedAt: T0 + 10, createdAt: T0 });
      expect(await s.updateAccount('op_1', { disabled: false }, T0 + 20)).toBe(true);
      expect((await s.accountById('op_1'))?.disabled).toBe(false);
      expect(await s.updateAccount('op_none', { disabled: true }, T0)).toBe(false);
    });

    it('keeps console sessions by token hash; touch, revoke one, revoke all of an account', async () => {
      const s = (await open()).accounts;
      await s.createAccount(account('op_1', 'anna'));
      const a = consoleSession('cs_a', 'op_1');
      await s.createConsoleSession(a);
      await s.createConsoleSession(consoleSession('cs_b', 'op_1'));
      await s.createConsoleSession(consoleSession('cs_c', 'op_2'));
      expect(await s.consoleSession('hash-cs_a')).toEqual(a);
      expect(await s.consoleSession('cs_a')).toBeUndefined();
      await s.touchConsoleSession('cs_a', T0 + 100, T0 + 1100);
      expect(await s.consoleSession('hash-cs_a')).toMatchObject({ lastSeenAt: T0 + 100, idleExpiresAt: T0 + 1100 });
      await s.revokeConsoleSession('cs_a', T0 + 200);
      await s.revokeConsoleSession('cs_a', T0 + 300);
      expect((await s.consoleSession('hash-cs_a'))?.revokedAt).toBe(T0 + 200);
      expect(await s.revokeAccountSessions('op_1', T0 + 400)).toEqual(['cs_b']);
      expect((await s.consoleSession('hash-cs_b'))?.revokedAt).toBe(T0 + 400);
      expect((await s.consoleSession('hash-cs_c'))?.revokedAt).toBeNull();
      expect(await s.revokeAccountSessions('op_1', T0 + 500)).toEqual([]);
    });

    it('counts failed sign-ins per key within a window, clears and prunes them', async () => {
      const s = (await open()).accounts;
      for (const at of [T0, T0 + 10, T0 + 20]) await s.recordLoginFailure('u:anna', at);
      await s.recordLoginFailure('ip:127.0.0.1', T0 + 5);
      expect(await s.loginFailures('u:anna', T0)).toEqual({ count: 3, oldest: T0 });
      expect(await s.loginFailures('u:anna', T0 + 10)).toEqual({ count: 2, oldest: T0 + 10 });
      expect(await s.loginFailures('u:boris', T0)).toEqual({ count: 0, oldest: null });
      await s.clearLoginFailures('u:anna');
      expect((await s.loginFailures('u:anna', 0)).count).toBe(0);
      expect((await s.loginFailures('ip:127.0.0.1', 0)).count).toBe(1);
      await s.createConsoleSession(consoleSession('cs_old', 'op_1', { absoluteExpiresAt: T0 + 50 }));
      await s.createConsoleSession(consoleSession('cs_new', 'op_1', { idleExpiresAt: T0 + 9000, absoluteExpiresAt: T0 + 9000 }));
      await s.pruneAccounts(T0 + 100);
      expect((await s.loginFailures('ip:127.0.0.1', 0)).count).toBe(0);
      expect(await s.consoleSession('hash-cs_old')).toBeUndefined();
      expect(await s.consoleSession('hash-cs_new')).toBeDefined();
    });
  });
}
