/**
 * English strings: the reference table. Every other locale must translate every key.
 * `{name}` marks a placeholder; objects are plural forms chosen from `count`.
 * The strings the first stage of the script tag needs are in `en-core.ts` (spread in here);
 * the dialog's own ship with its stage file (`enDialog`), and the strings of each rarely met flow
 * (`en-flows.ts`) with that flow's stage file.
 * @module
 */
import { enDialog } from './en-dialog';
import { enConversations, enEnding, enGuard, enOffline, enPreview, enVerify } from './en-flows';

export { enDialog } from './en-dialog';

/** The reference table: the dialog's strings and those of its rarely met flows (`en-flows.ts`). */
export const en = {
  ...enDialog,
  ...enVerify,
  ...enEnding,
  ...enConversations,
  ...enOffline,
  ...enPreview,
  ...enGuard,
} as const;
