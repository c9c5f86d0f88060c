/**
 * The built-in transports. Each implements the core `Transport` contract.
 * @module
 */
export { createMemoryTransport } from './memory';
export type { MemoryTransport, MemoryTransportOptions } from './memory';
export { createWebSocketTransport } from './websocket';
export type { WebSocketTransportOptions } from './websocket';
export { createHttpTransport } from './http';
export type { HttpTransportOptions } from './http';
