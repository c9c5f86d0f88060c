/**
 * The embedded SQLite engine of {@link AccountStore}.
 * @module
 */
import type Database from 'better-sqlite3';
import { ACCOUNT_COLUMNS, accountValues, patchEntries, SESSION_COLUMNS, sessionValues, toAccount, toConsoleSession } from './accounts-rows';
import { type AccountStore, usernameKey } from './accounts-store';

type Raw = Record<string, unknown>;

/** Account storage on one SQLite database (its tables are created by the schema migrations). */
export function createSqliteAccounts(db: Database.Database): AccountStore {
  const q = (sql: string) => db.prepare(sql);
  const insertAccount = q(`INSERT OR IGNORE INTO operator_accounts (${ACCOUNT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)`);
  const byId = q('SELECT * FROM operator_accounts WHERE id = ?');
  const byKey = q('SELECT * FROM operator_accounts WHERE username_key = ?');
  const all = q('SELECT * FROM operator_accounts ORDER BY username_key');
  const insertSession = q(`INSERT INTO console_sessions (${SESSION_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)`);
  const session = q('SELECT * FROM console_sessions WHERE token_hash = ?');
  const touch = q('UPDATE console_sessions SET last_seen_at = ?, idle_expires_at = ? WHERE id = ?');
  const revoke = q('UPDATE console_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const liveOf = q('SELECT id FROM console_sessions WHERE account_id = ? AND revoked_at IS NULL');
  const revokeAll = q('UPDATE console_sessions SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL');
  const fail = q('INSERT INTO login_failures (key, at) VALUES (?, ?)');
  const failures = q('SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_failures WHERE key = ? AND at >= ?');
  const clear = q('DELETE FROM login_failures WHERE key = ?');
  const pruneFailures = q('DELETE FROM login_failures WHERE at < ?');
  const pruneSessions = q('DELETE FROM console_sessions WHERE absolute_expires_at < ? OR idle_expires_at < ? OR revoked_at < ?');
  const revokeAccount = db.transaction((accountId: string, now: number) => {
    const ids = (liveOf.all(accountId) as Raw[]).map((r) => r.id as string);
    revokeAll.run(now, accountId);
    return ids;
  });
  return {
    createAccount: async (row) => insertAccount.run(...accountValues(row, usernameKey(row.username))).changes === 1,
    accountById: async (id) => {
      const r = byId.get(id) as Raw | undefined;
      return r ? toAccount(r) : undefined;
    },
    accountByUsername: async (username) => {
      const r = byKey.get(usernameKey(username)) as Raw | undefined;
      return r ? toAccount(r) : undefined;
    },
    listAccounts: async () => (all.all() as Raw[]).map(toAccount),
    updateAccount: async (id, patch, now) => {
      const entries = [...patchEntries(patch), ['updated_at', now] as [string, unknown]];
      const sql = `UPDATE operator_accounts SET ${entries.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`;
      return db.prepare(sql).run(...entries.map(([, v]) => v), id).changes === 1;
    },
    createConsoleSession: async (row) => void insertSession.run(...sessionValues(row)),
    consoleSession: async (tokenHash) => {
      const r = session.get(tokenHash) as Raw | undefined;
      return r ? toConsoleSession(r) : undefined;
    },
    touchConsoleSession: async (id, at, idle) => void touch.run(at, idle, id),
    revokeConsoleSession: async (id, now) => void revoke.run(now, id),
    revokeAccountSessions: async (accountId, now) => revokeAccount(accountId, now),
    recordLoginFailure: async (key, at) => void fail.run(key, at),
    loginFailures: async (key, since) => {
      const r = failures.get(key, since) as Raw;
      return { count: Number(r.n), oldest: r.oldest === null ? null : Number(r.oldest) };
    },
    clearLoginFailures: async (key) => void clear.run(key),
    pruneAccounts: async (before) => {
      pruneFailures.run(before);
      pruneSessions.run(before, before, before);
    },
  };
}
