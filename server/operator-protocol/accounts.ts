/**
 * Operator protocol frames of the accounts area: the client frames its commands accept (parsed in
 * server/ws/commands/accounts.ts) and the server frames it sends. Documented in docs/protocol.md §Operator API.
 * @module
 */

/** Server → operator frames of the accounts area (pushes; answers are `ack` frames). */
export type AccountsServerFrame = never;
