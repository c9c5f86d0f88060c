/**
 * The PostgreSQL engine of {@link AccountStore}.
 * @module
 */
import { ACCOUNT_COLUMNS, accountValues, patchEntries, SESSION_COLUMNS, sessionValues, toAccount, toConsoleSession } from './accounts-rows';
import { type AccountStore, usernameKey } from './accounts-store';
import type { PgAccess } from './pg-access';

const params = (n: number): string => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(',');

/** Account storage on the shared PostgreSQL pool (its tables are created by the schema migrations). */
export function createPgAccounts(pg: PgAccess): AccountStore {
  const one = async (sql: string, values: unknown[]) => (await pg.query(sql, values)).rows[0];
  return {
    createAccount: async (row) => {
      const sql = `INSERT INTO operator_accounts (${ACCOUNT_COLUMNS}) VALUES (${params(10)}) ON CONFLICT DO NOTHING`;
      return (await pg.query(sql, accountValues(row, usernameKey(row.username)))).rowCount === 1;
    },
    accountById: async (id) => {
      const r = await one('SELECT * FROM operator_accounts WHERE id = $1', [id]);
      return r ? toAccount(r) : undefined;
    },
    accountByUsername: async (username) => {
      const r = await one('SELECT * FROM operator_accounts WHERE username_key = $1', [usernameKey(username)]);
      return r ? toAccount(r) : undefined;
    },
    listAccounts: async () => (await pg.query('SELECT * FROM operator_accounts ORDER BY username_key')).rows.map(toAccount),
    updateAccount: async (id, patch, now) => {
      const entries = [...patchEntries(patch), ['updated_at', now] as [string, unknown]];
      const sets = entries.map(([c], i) => `${c} = $${i + 1}`).join(', ');
      const sql = `UPDATE operator_accounts SET ${sets} WHERE id = $${entries.length + 1}`;
      return (await pg.query(sql, [...entries.map(([, v]) => v), id])).rowCount === 1;
    },
    createConsoleSession: async (row) => {
      await pg.query(`INSERT INTO console_sessions (${SESSION_COLUMNS}) VALUES (${params(8)})`, sessionValues(row));
    },
    consoleSession: async (tokenHash) => {
      const r = await one('SELECT * FROM console_sessions WHERE token_hash = $1', [tokenHash]);
      return r ? toConsoleSession(r) : undefined;
    },
    touchConsoleSession: async (id, at, idle) => {
      await pg.query('UPDATE console_sessions SET last_seen_at = $1, idle_expires_at = $2 WHERE id = $3', [at, idle, id]);
    },
    revokeConsoleSession: async (id, now) => {
      await pg.query('UPDATE console_sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [now, id]);
    },
    revokeAccountSessions: async (accountId, now) => {
      const sql = 'UPDATE console_sessions SET revoked_at = $1 WHERE account_id = $2 AND revoked_at IS NULL RETURNING id';
      return (await pg.query(sql, [now, accountId])).rows.map((r) => r.id as string);
    },
    recordLoginFailure: async (key, at) => {
      await pg.query('INSERT INTO login_failures (key, at) VALUES ($1, $2)', [key, at]);
    },
    loginFailures: async (key, since) => {
      const r = await one('SELECT COUNT(*)::int AS n, MIN(at) AS oldest FROM login_failures WHERE key = $1 AND at >= $2', [key, since]);
      return { count: Number(r?.n ?? 0), oldest: r?.oldest === null || r?.oldest === undefined ? null : Number(r.oldest) };
    },
    clearLoginFailures: async (key) => {
      await pg.query('DELETE FROM login_failures WHERE key = $1', [key]);
    },
    pruneAccounts: async (before) => {
      await pg.query('DELETE FROM login_failures WHERE at < $1', [before]);
      await pg.query('DELETE FROM console_sessions WHERE absolute_expires_at < $1 OR idle_expires_at < $1 OR revoked_at < $1', [before]);
    },
  };
}
