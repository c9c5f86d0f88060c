/**
 * Server options of operator accounts and console sign-in, and their resolved form (`config.accounts`).
 * @module
 */
import type { OperatorRole } from './principal';

/** An account the demo creates at start, and the console's sign-in page names (demo mode only). */
export interface DemoAccount {
  username: string;
  password: string;
  role: OperatorRole;
  displayName?: string;
}

/** Options of operator accounts and console sign-in (a part of `ServerOptions`). */
export interface AccountOptions {
  /** A console session ends when unused this long, ms. @default 12 h */
  operatorSessionIdleMs?: number;
  /** A console session ends this long after sign-in, used or not, ms. @default 24 h */
  operatorSessionMaxMs?: number;
  /** Failed sign-ins per username and per client address within the window before 429. @default 5 */
  loginMaxFailures?: number;
  /** The window of {@link loginMaxFailures}, ms. @default 15 min */
  loginWindowMs?: number;
  /**
   * Origins (`https://desk.example.com`) the console may be used from: the operator socket and
   * the sign-in requests check `Origin` against them. Default: the server's own origin (from
   * `publicUrl`, else the address it listens on), never the request's Host header.
   */
  operatorOrigins?: string[];
  /**
   * Single sign-on: a header (e.g. `X-Remote-User`) a trusted reverse proxy sets to the username;
   * believed only from the addresses in `trustedProxies` (`TRUSTED_PROXIES`), which also make
   * `X-Forwarded-For` the client address of the login limit.
   */
  operatorSsoHeader?: string;
  /**
   * Demo mode only (`demo: true`): accounts created at start (when missing) and named on the
   * console's sign-in page. Never in production.
   */
  demoAccounts?: readonly DemoAccount[];
  /** How often an open operator socket re-checks its session and account, ms. @default 30 s */
  operatorSessionCheckMs?: number;
}

/** Account settings after defaults (`ServerContext.config.accounts`). */
export interface AccountSettings {
  sessionIdleMs: number;
  sessionMaxMs: number;
  loginMaxFailures: number;
  loginWindowMs: number;
  /** Empty: the server's own origin(s) only. */
  origins: string[];
  ssoHeader: string | undefined;
  demoAccounts: readonly DemoAccount[];
  sessionCheckMs: number;
}

/** Applies the defaults. */
export function resolveAccountSettings(o: AccountOptions & { demo?: boolean }): AccountSettings {
  return {
    sessionIdleMs: o.operatorSessionIdleMs ?? 12 * 3600_000,
    sessionMaxMs: o.operatorSessionMaxMs ?? 24 * 3600_000,
    loginMaxFailures: o.loginMaxFailures ?? 5,
    loginWindowMs: o.loginWindowMs ?? 15 * 60_000,
    origins: (o.operatorOrigins ?? []).map((x) => x.replace(/\/$/, '')),
    ssoHeader: o.operatorSsoHeader?.toLowerCase(),
    demoAccounts: o.demo ? (o.demoAccounts ?? []) : [],
    sessionCheckMs: o.operatorSessionCheckMs ?? 30_000,
  };
}
