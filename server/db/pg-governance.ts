/**
 * The PostgreSQL engine of {@link GovernanceStore}.
 * @module
 */
import {
  type All,
  auditParams,
  auditSelect,
  CLOSED_BEFORE,
  DELETE_AUDIT_BEFORE,
  DELETE_CHALLENGES_BEFORE,
  INSERT_AUDIT,
  noCounts,
  numbered,
  planPurge,
  scopeOf,
  toAuditRecord,
} from './governance-sql';
import type { CustomerScope, GovernanceStore, PurgeResult } from './governance-store';
import type { PgAccess } from './pg-access';

/** Governance storage on the shared PostgreSQL pool (its tables are created by the schema migrations). */
export function createPgGovernance(pg: PgAccess): GovernanceStore {
  const all: All = async (sql, params) => (await pg.query(numbered(sql), params)).rows;
  const count = async (sql: string, params: unknown[]): Promise<number> => (await pg.query(numbered(sql), params)).rowCount ?? 0;
  const purge = async (scope: CustomerScope): Promise<PurgeResult> => {
    const { deletes, blobKeys } = await planPurge(all, scope);
    const counts = await pg.tx(async (q) => {
      const c = noCounts();
      for (const d of deletes) c[d.key] += (await q(numbered(d.sql), d.params)).rowCount ?? 0;
      return c;
    });
    return { counts, blobKeys };
  };
  return {
    async appendAudit(entry) {
      const { rows } = await pg.query(`${numbered(INSERT_AUDIT)} RETURNING id`, auditParams(entry));
      return Number(rows[0]!.id);
    },
    async auditEntries(query) {
      const { sql, params } = auditSelect(query);
      return (await all(sql, params)).map(toAuditRecord);
    },
    deleteAuditBefore: (before, limit) => count(DELETE_AUDIT_BEFORE, [before, limit]),
    async closedBefore(before, limit) {
      return (await all(CLOSED_BEFORE, [before, limit])).map((r) => r.id as string);
    },
    purgeConversations: (conversationIds) => purge({ conversationIds, sessionIds: [], userKeys: [] }),
    deleteChallengesBefore: (before, limit) => count(DELETE_CHALLENGES_BEFORE, [before, limit]),
    customerScope: (key) => scopeOf(all, key),
    eraseCustomer: purge,
  };
}
