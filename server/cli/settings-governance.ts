/**
 * CLI flags and environment variables of the audit log, retention and erasure (see settings-table.ts).
 * @module
 */
import type { RetentionOptions } from '../governance/settings';
import type { Setting } from './settings-table';

const retention = (key: keyof RetentionOptions) => (o: { retention?: RetentionOptions }, v: string | number | boolean) => {
  o.retention = { ...o.retention, [key]: v as number };
};

/** The settings of the audit log, retention and erasure. */
export const GOVERNANCE_SETTINGS: readonly Setting[] = [
  {
    flag: 'retain-conversations-days',
    env: 'RETAIN_CONVERSATIONS_DAYS',
    kind: 'number',
    help: 'days closed conversations, their messages and files are kept (365; 0 forever)',
    apply: retention('conversationDays'),
  },
  {
    flag: 'retain-challenges-days',
    env: 'RETAIN_CHALLENGES_DAYS',
    kind: 'number',
    help: 'days verification records are kept (30; 0 forever)',
    apply: retention('challengeDays'),
  },
  {
    flag: 'retain-audit-days',
    env: 'RETAIN_AUDIT_DAYS',
    kind: 'number',
    help: 'days audit log entries are kept (730; 0 forever)',
    apply: retention('auditDays'),
  },
  {
    flag: 'sqlite-synchronous',
    env: 'SQLITE_SYNCHRONOUS',
    kind: ['normal', 'full'],
    help: 'normal: a power loss may lose the last commits; full: each commit synced first (normal)',
    apply: (o, v) => (o.sqliteSynchronous = v as 'normal' | 'full'),
  },
  {
    flag: 'retention-sweep-ms',
    env: 'RETENTION_SWEEP_MS',
    kind: 'number',
    help: 'how often the retention sweeper runs (3600000; 0 only at start)',
    apply: retention('sweepEveryMs'),
  },
];
