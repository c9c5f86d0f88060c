/**
 * SWP/1 constants: endpoint paths, WebSocket close codes and default limits (docs/protocol.md).
 * @module
 */

/** Protocol version, also the WebSocket subprotocol. */
export const SWP_SUBPROTOCOL = 'swp.v1';
/** Path of the WebSocket endpoint, relative to the server's base URL. */
export const SWP_WS_PATH = '/swp/v1/ws';
/** Prefix of the HTTP endpoints. */
export const SWP_HTTP_PREFIX = '/swp/v1';

/** WebSocket close codes and what the client does on each (docs/protocol.md §Close codes). */
export const CloseCode = {
  /** Normal closure by the client (`disconnect()`): no reconnect. */
  NORMAL: 1000,
  /** Server going away (shutdown): reconnect with backoff. */
  GOING_AWAY: 1001,
  /** Frame larger than the limit: reconnect; the client must not resend that frame. */
  TOO_BIG: 1009,
  /** Internal server error: reconnect with backoff. */
  INTERNAL: 1011,
  /** Server restart: reconnect with backoff. */
  RESTART: 1012,
  /** Try again later (overloaded): reconnect with a longer backoff. */
  TRY_LATER: 1013,
  /** Malformed frames (protocol violation): reconnect once with backoff; report an error. */
  PROTOCOL: 4400,
  /** Token or identity invalid or expired: stop; ask the host for a fresh identity. */
  AUTH: 4401,
  /** Forbidden (identity does not match the conversation): stop. */
  FORBIDDEN: 4403,
  /** No `hello` within the time limit: reconnect. */
  HELLO_TIMEOUT: 4408,
  /** Too many frames: reconnect after `retryAfterMs` from the preceding error frame. */
  RATE_LIMITED: 4429,
} as const;

/** Limits the server enforces (also in docs/protocol.md). */
export interface ProtocolLimits {
  maxFrameBytes: number;
  maxTextLength: number;
  maxFramesPer10s: number;
  helloTimeoutMs: number;
  heartbeatMs: number;
}

/** Default limits. */
export const DEFAULT_LIMITS: Readonly<ProtocolLimits> = {
  /** Largest WebSocket frame or HTTP JSON body, bytes. */
  maxFrameBytes: 64 * 1024,
  /** Longest message text, characters. */
  maxTextLength: 4000,
  /** Frames per connection per 10 s before `rate_limited`. */
  maxFramesPer10s: 100,
  /** Milliseconds to send `hello` after connecting. */
  helloTimeoutMs: 10_000,
  heartbeatMs: 25_000,
};

/** Longest note a customer can add for the operator before a handoff, characters. */
export const HANDOFF_NOTE_MAX = 1000;
