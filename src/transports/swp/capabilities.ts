/**
 * What an SWP/1 server supports before its `welcome` says otherwise; defined in
 * `src/protocol/capabilities.ts`.
 * @module
 */
export { SWP_DEFAULT_CAPABILITIES } from '../../protocol/capabilities';
