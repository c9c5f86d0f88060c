/**
 * CLI flags and environment variables of operator accounts and console sign-in (see settings-table.ts).
 * @module
 */
import type { Setting } from './settings-table';

const list = (v: string | number | boolean): string[] =>
  String(v)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const minutes = (v: string | number | boolean): number => Number(v) * 60_000;

/** The settings of operator accounts and console sign-in. */
export const ACCOUNTS_SETTINGS: readonly Setting[] = [
  {
    flag: 'operator-session-idle-minutes',
    env: 'OPERATOR_SESSION_IDLE_MINUTES',
    kind: 'number',
    help: 'a console sign-in ends when unused this long (720)',
    apply: (o, v) => (o.operatorSessionIdleMs = minutes(v)),
  },
  {
    flag: 'operator-session-max-minutes',
    env: 'OPERATOR_SESSION_MAX_MINUTES',
    kind: 'number',
    help: 'a console sign-in ends this long after it began (1440)',
    apply: (o, v) => (o.operatorSessionMaxMs = minutes(v)),
  },
  {
    flag: 'login-max-failures',
    env: 'LOGIN_MAX_FAILURES',
    kind: 'number',
    help: 'failed sign-ins per username and per address in the window before 429 (5)',
    apply: (o, v) => (o.loginMaxFailures = Number(v)),
  },
  {
    flag: 'login-window-minutes',
    env: 'LOGIN_WINDOW_MINUTES',
    kind: 'number',
    help: 'the window of login-max-failures (15)',
    apply: (o, v) => (o.loginWindowMs = minutes(v)),
  },
  {
    flag: 'operator-origins',
    env: 'OPERATOR_ORIGINS',
    kind: 'string',
    help: "origins the console may be used from, comma-separated (the server's own)",
    apply: (o, v) => (o.operatorOrigins = list(v)),
  },
  {
    flag: 'operator-sso-header',
    env: 'OPERATOR_SSO_HEADER',
    kind: 'string',
    help: 'header a trusted proxy sets to the username, e.g. X-Remote-User (off)',
    apply: (o, v) => (o.operatorSsoHeader = String(v)),
  },
];
