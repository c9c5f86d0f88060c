/**
 * The embedded SQLite engine of {@link GovernanceStore}.
 * @module
 */
import type Database from 'better-sqlite3';
import {
  type All,
  auditParams,
  auditSelect,
  CLOSED_BEFORE,
  DELETE_AUDIT_BEFORE,
  DELETE_CHALLENGES_BEFORE,
  INSERT_AUDIT,
  noCounts,
  type PlannedDelete,
  planPurge,
  scopeOf,
  toAuditRecord,
} from './governance-sql';
import type { CustomerScope, GovernanceStore, PurgeResult } from './governance-store';
import type { Raw } from './sqlite-rows';

/** Governance storage on one SQLite database (its tables are created by the schema migrations). */
export function createSqliteGovernance(db: Database.Database): GovernanceStore {
  const insert = db.prepare(INSERT_AUDIT);
  const deleteAudit = db.prepare(DELETE_AUDIT_BEFORE);
  const closed = db.prepare(CLOSED_BEFORE);
  const deleteChallenges = db.prepare(DELETE_CHALLENGES_BEFORE);
  const all: All = async (sql, params) => db.prepare(sql).all(...params) as Raw[];
  const runAll = db.transaction((deletes: PlannedDelete[]) => {
    const counts = noCounts();
    for (const d of deletes) counts[d.key] += db.prepare(d.sql).run(...d.params).changes;
    return counts;
  });
  const purge = async (scope: CustomerScope): Promise<PurgeResult> => {
    const { deletes, blobKeys } = await planPurge(all, scope);
    return { counts: runAll(deletes), blobKeys };
  };
  return {
    async appendAudit(entry) {
      return Number(insert.run(...auditParams(entry)).lastInsertRowid);
    },
    async auditEntries(query) {
      const { sql, params } = auditSelect(query);
      return (await all(sql, params)).map(toAuditRecord);
    },
    async deleteAuditBefore(before, limit) {
      return deleteAudit.run(before, limit).changes;
    },
    async closedBefore(before, limit) {
      return (closed.all(before, limit) as Raw[]).map((r) => r.id as string);
    },
    purgeConversations: (conversationIds) => purge({ conversationIds, sessionIds: [], userKeys: [] }),
    async deleteChallengesBefore(before, limit) {
      return deleteChallenges.run(before, limit).changes;
    },
    customerScope: (key) => scopeOf(all, key),
    eraseCustomer: purge,
  };
}
