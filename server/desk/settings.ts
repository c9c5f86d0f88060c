/**
 * Server options of the console's shift tools, and their resolved form (`config.desk`).
 * @module
 */

/** Options of the console's shift tools (a part of `ServerOptions`). */
export type DeskOptions = Record<never, never>;

/** Desk settings after defaults (`ServerContext.config.desk`). */
export type DeskSettings = Record<never, never>;

/** Applies the defaults. */
export function resolveDeskSettings(_o: DeskOptions): DeskSettings {
  return {};
}
