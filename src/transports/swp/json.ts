/**
 * Prototype-pollution-safe JSON parsing for untrusted server payloads; re-exported from
 * `src/protocol/json.ts`, the one implementation.
 * @module
 */
export { isRecord, parseJson, safeReviver } from '../../protocol/json';
