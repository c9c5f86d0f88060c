/**
 * CLI flags and environment variables of customer session lifetimes and identity expiry (see settings-table.ts).
 * @module
 */
import type { Setting } from './settings-table';

const ms = (v: string | number | boolean) => v as number;

/** The settings of customer session lifetimes and identity expiry. */
export const SESSIONS_SETTINGS: readonly Setting[] = [
  {
    flag: 'session-idle-ms',
    env: 'SESSION_IDLE_MS',
    kind: 'number',
    help: 'a customer session unused this long ends (2592000000 = 30 days)',
    apply: (o, v) => (o.sessionIdleMs = ms(v)),
  },
  {
    flag: 'session-max-age-ms',
    env: 'SESSION_MAX_AGE_MS',
    kind: 'number',
    help: 'a customer session ends this long after it began (7776000000 = 90 days)',
    apply: (o, v) => (o.sessionMaxAgeMs = ms(v)),
  },
  {
    flag: 'identity-max-lifetime-ms',
    env: 'IDENTITY_MAX_LIFETIME_MS',
    kind: 'number',
    help: 'longest accepted user.hashExpires ahead of now (86400000 = 24 h)',
    apply: (o, v) => (o.identityMaxLifetimeMs = ms(v)),
  },
  {
    flag: 'session-recheck-ms',
    env: 'SESSION_RECHECK_MS',
    kind: 'number',
    help: 'how often a live connection re-reads its session (60000)',
    apply: (o, v) => (o.sessionRecheckMs = ms(v)),
  },
];
