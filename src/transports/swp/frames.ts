/**
 * SWP/1 frame types, re-exported from `src/protocol/frames.ts` (their home) so importers of this
 * path keep compiling.
 * @module
 */
export * from '../../protocol/frames';
