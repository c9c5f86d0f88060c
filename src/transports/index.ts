/**
 * The built-in transports. Each implements the core `Transport` contract.
 * @module
 */
export { createMemoryTransport } from './memory';
export type { AckOverrides, IncomingInput, MemoryCall, MemoryTransport, MemoryTransportOptions, SimulatedSendError } from './memory';
export { createWebSocketTransport } from './websocket';
export type { WebSocketTransport, WebSocketTransportOptions, HeartbeatOptions, WebSocketConstructor, WebSocketLike } from './websocket';
export { createHttpTransport } from './http';
export type { HttpTransport, HttpTransportOptions } from './http';
export type { BackoffOptions } from './swp/backoff';
export { SWP_DEFAULT_CAPABILITIES } from './swp/capabilities';
export { createChatwootTransport, chatwootCapabilities } from './chatwoot';
export type { ChatwootTransportOptions } from './chatwoot';
export { createRasaTransport, defaultCustomRule, rasaCapabilities } from './rasa';
export type { RasaCustomOutcome, RasaCustomRule, RasaTransportOptions } from './rasa';
