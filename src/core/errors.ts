/**
 * Error taxonomy. Every error the SDK throws or reports is a `ChatError`.
 * `is*` guards compare `name`, so they work across realms (iframes, two bundle copies).
 * @module
 */
import type { TransportErrorCode } from './model';

/** Base class of all SDK errors. */
export class ChatError extends Error {
  override name: string = 'ChatError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    if (options && 'cause' in options) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** A bad option passed to `createSupportChat` or a transport factory. */
export class OptionError extends ChatError {
  override name = 'OptionError' as const;
  /** The option's name, e.g. "position" or "transport.url". */
  readonly option: string;
  /** Why it was refused. */
  readonly reason: string;
  constructor(option: string, reason: string) {
    super(`support-chat: invalid option "${option}": ${reason}`);
    this.option = option;
    this.reason = reason;
  }
}

/** A failure talking to the backend. */
export class TransportError extends ChatError {
  override name = 'TransportError' as const;
  readonly code: TransportErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  /** Adapter that raised it. */
  readonly transport: string;
  constructor(
    transport: string,
    code: TransportErrorCode,
    message: string,
    options: { retryable?: boolean; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(`${transport}: ${message}`, { cause: options.cause });
    this.transport = transport;
    this.code = code;
    this.retryable = options.retryable ?? (code === 'network' || code === 'timeout' || code === 'server' || code === 'rate_limited');
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** A frame or payload that breaks the protocol. */
export class ProtocolError extends ChatError {
  override name = 'ProtocolError' as const;
}

/** Something used after `destroy()`. */
export class DestroyedError extends ChatError {
  override name = 'DestroyedError' as const;
  constructor(what: string) {
    super(`support-chat: ${what} called after destroy()`);
  }
}

const names = new Set(['ChatError', 'OptionError', 'TransportError', 'ProtocolError', 'DestroyedError']);

/** True for any SDK error, from any realm. */
export function isChatError(value: unknown): value is ChatError {
  // Not `instanceof Object`: objects from another realm (iframe, vm) have another Object.
  return value instanceof ChatError || (typeof value === 'object' && value !== null && names.has((value as Error).name));
}

/** True for a `TransportError`, from any realm. */
export function isTransportError(value: unknown): value is TransportError {
  return value instanceof TransportError || (isChatError(value) && value.name === 'TransportError');
}

/** True for an `OptionError`, from any realm. */
export function isOptionError(value: unknown): value is OptionError {
  return value instanceof OptionError || (isChatError(value) && value.name === 'OptionError');
}

/** Wraps anything thrown into a TransportError. */
export function toTransportError(transport: string, error: unknown): TransportError {
  if (isTransportError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TransportError(transport, 'network', message, { cause: error });
}
