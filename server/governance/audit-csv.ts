/**
 * The audit log as CSV (RFC 4180, `\r\n` line ends, a header row). Cells that a spreadsheet would
 * run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) get a leading `'`.
 * @module
 */
import type { AuditRecord } from '../db/governance-store';

const COLUMNS = ['id', 'at', 'actor_id', 'actor_name', 'actor_role', 'action', 'conversation_id', 'user_key', 'detail'] as const;

function cell(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The entries as CSV text, in the order given. */
export function auditCsv(entries: readonly AuditRecord[]): string {
  const rows = entries.map((e) =>
    [e.id, new Date(e.at).toISOString(), e.actorId, e.actorName, e.actorRole, e.action, e.conversationId, e.userKey, e.detail]
      .map(cell)
      .join(','),
  );
  return `${[COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
