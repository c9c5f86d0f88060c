/**
 * Server options of operator accounts and console sign-in, and their resolved form (`config.accounts`).
 * @module
 */

/** Options of operator accounts and console sign-in (a part of `ServerOptions`). */
export type AccountOptions = Record<never, never>;

/** Account settings after defaults (`ServerContext.config.accounts`). */
export type AccountSettings = Record<never, never>;

/** Applies the defaults. */
export function resolveAccountSettings(_o: AccountOptions): AccountSettings {
  return {};
}
