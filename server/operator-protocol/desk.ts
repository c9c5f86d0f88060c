/**
 * Operator protocol frames of the desk area: the client frames its commands accept (parsed in
 * server/ws/commands/desk.ts) and the server frames it sends. Documented in docs/protocol.md §Operator API.
 * @module
 */

/** Server → operator frames of the desk area (pushes; answers are `ack` frames). */
export type DeskServerFrame = never;
