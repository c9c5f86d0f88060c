/**
 * Operator protocol frames of the governance area: the client frames its commands accept (parsed in
 * server/ws/commands/governance.ts) and the server frames it sends. Documented in docs/protocol.md §Operator API.
 * @module
 */

/** Server → operator frames of the governance area (pushes; answers are `ack` frames). */
export type GovernanceServerFrame = never;
