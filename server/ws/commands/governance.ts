/**
 * Operator console commands of the governance area (see ../operator-commands.ts): the audit log
 * (`audit.list`, `audit.export`) and erasure of a customer's data (`gov.erase`). Supervisors only.
 * @module
 */
import type { CustomerKey } from '../../db/governance-store';
import { ServiceError } from '../../domain/errors';
import { audit } from '../../governance/audit';
import { auditCsv } from '../../governance/audit-csv';
import { disconnectErased, eraseCustomer } from '../../governance/erasure';
import { seesAll } from '../../governance/need-to-know';
import type { CommandFrame, OperatorCommand, OperatorCommandEnv } from '../operator-commands';

/** The most entries one `audit.list` page or one `audit.export` returns. */
export const AUDIT_PAGE_MAX = 200;
export const AUDIT_EXPORT_MAX = 50_000;

type Raw = Record<string, unknown>;

const str = (o: Raw, k: string, max = 128): string | undefined => {
  const v = o[k];
  return typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;
};
const int = (o: Raw, k: string): number | undefined => {
  const v = o[k];
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
};

function supervisorOnly(env: OperatorCommandEnv): void {
  if (!seesAll(env.principal)) throw new ServiceError('forbidden', 'supervisors only');
}

/** The filter fields both audit commands take. */
function filterOf(o: Raw): Raw | string {
  const f: Raw = {};
  for (const k of ['actor', 'conversationId', 'action'] as const) {
    if (o[k] === undefined) continue;
    const v = str(o, k);
    if (v === undefined) return `${k} must be a string of 1–128 characters`;
    f[k] = v;
  }
  return f;
}

function queryOf(f: CommandFrame) {
  return {
    ...(typeof f.actor === 'string' ? { actorId: f.actor } : {}),
    ...(typeof f.conversationId === 'string' ? { conversationId: f.conversationId } : {}),
    ...(typeof f.action === 'string' ? { action: f.action } : {}),
  };
}

const auditList: OperatorCommand = {
  t: 'audit.list',
  parse(o) {
    const f = filterOf(o);
    if (typeof f === 'string') return f;
    if (o.before !== undefined && int(o, 'before') === undefined) return 'before must be a non-negative integer';
    const limit = o.limit === undefined ? 50 : int(o, 'limit');
    if (limit === undefined || limit < 1 || limit > AUDIT_PAGE_MAX) return `limit must be 1–${AUDIT_PAGE_MAX}`;
    return { t: 'audit.list', id: String(o.id), ...f, ...(o.before !== undefined ? { before: o.before } : {}), limit };
  },
  async run(env, f) {
    supervisorOnly(env);
    const limit = f.limit as number;
    const entries = await env.ctx.store.governance.auditEntries({
      ...queryOf(f),
      ...(typeof f.before === 'number' ? { before: f.before } : {}),
      limit,
    });
    const last = entries[entries.length - 1];
    return { t: 'ack', ref: f.id, entries, ...(entries.length === limit && last ? { next: last.id } : {}) };
  },
};

const auditExport: OperatorCommand = {
  t: 'audit.export',
  parse(o) {
    const f = filterOf(o);
    if (typeof f === 'string') return f;
    if (o.since !== undefined && int(o, 'since') === undefined) return 'since must be a time in ms';
    return { t: 'audit.export', id: String(o.id), ...f, ...(o.since !== undefined ? { since: o.since } : {}) };
  },
  async run(env, f) {
    supervisorOnly(env);
    const query = { ...queryOf(f), ...(typeof f.since === 'number' ? { since: f.since } : {}) };
    const entries = await env.ctx.store.governance.auditEntries({ ...query, limit: AUDIT_EXPORT_MAX });
    const filter = Object.entries(query).map(([k, v]) => `${k}=${v}`);
    await audit(env.ctx, {
      actor: env.principal,
      action: 'audit_export',
      detail: `${entries.length} entries${filter.length ? `; ${filter.join(', ')}` : ''}`,
    });
    return { t: 'ack', ref: f.id, csv: auditCsv(entries), count: entries.length };
  },
};

const govErase: OperatorCommand = {
  t: 'gov.erase',
  parse(o) {
    const keys = (['userId', 'sessionId', 'conversationId'] as const).filter((k) => o[k] !== undefined);
    if (keys.length !== 1) return 'gov.erase needs exactly one of userId, sessionId, conversationId';
    const k = keys[0]!;
    const v = str(o, k, 256);
    if (v === undefined) return `${k} must be a string of 1–256 characters`;
    return { t: 'gov.erase', id: String(o.id), [k]: v };
  },
  async run(env, f) {
    supervisorOnly(env);
    const key: CustomerKey =
      typeof f.userId === 'string'
        ? { userId: f.userId }
        : typeof f.sessionId === 'string'
          ? { sessionId: f.sessionId }
          : { conversationId: f.conversationId as string };
    const { ctx } = env;
    const report = await eraseCustomer({ store: ctx.store, blobs: ctx.blobs, now: () => ctx.config.now() }, key, env.principal);
    disconnectErased(ctx, report.scope);
    ctx.log.info('customer data erased', { by: env.principal.id, key: report.key });
    return { t: 'ack', ref: f.id, erased: { key: report.key, counts: report.counts, filesRemoved: report.blobsRemoved } };
  },
};

/** The governance area's commands. */
export const GOVERNANCE_COMMANDS: readonly OperatorCommand[] = [auditList, auditExport, govErase];
