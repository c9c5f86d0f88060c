/**
 * The error codec: which codes are retryable, and the one conversion between the thrown
 * `TransportError` and the plain, cloneable `TransportErrorInfo` that events, tab messages and
 * wire frames carry. The base error classes live here so the codec needs nothing outside the
 * protocol; `src/core/errors.ts` re-exports them with the rest of the taxonomy.
 * @module
 */
import type { TransportErrorInfo } from '../core/transport';
import { RETRYABLE_ERROR_CODES, isOneOf, type TransportErrorCode } from './enums';

/** True when a retry may cure an error of this code (network, timeout, server, rate_limited). */
export function isRetryableCode(code: string): boolean {
  return isOneOf(RETRYABLE_ERROR_CODES, code);
}

/** Base class of all SDK errors. */
export class ChatError extends Error {
  override name: string = 'ChatError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    if (options && 'cause' in options) (this as { cause?: unknown }).cause = options.cause;
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
    this.retryable = options.retryable ?? isRetryableCode(code);
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** A frame or payload that breaks the protocol. */
export class ProtocolError extends ChatError {
  override name = 'ProtocolError' as const;
  /** Path of the offending field when one is known, e.g. `message.parts[0].text`. */
  readonly field?: string;
  constructor(message: string, options?: { cause?: unknown; field?: string }) {
    super(message, options);
    if (options?.field !== undefined) this.field = options.field;
  }
}

/** The parts of a `TransportError` the codec reads (any realm's copy has them). */
export type TransportErrorLike = Pick<TransportError, 'code' | 'message' | 'retryable' | 'retryAfterMs'> & { transport?: string };

/**
 * Plain-data form of a thrown transport error. The `"<transport>: "` prefix the constructor adds
 * is taken off, so {@link fromErrorInfo} gives back the same message instead of doubling it.
 */
export function toErrorInfo(error: TransportErrorLike): TransportErrorInfo {
  const prefix = error.transport !== undefined ? `${error.transport}: ` : '';
  return {
    code: error.code,
    message: prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message,
    retryable: error.retryable,
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
  };
}

/** The thrown form of error info (a wire error, a tab reply's error, an event's error). */
export function fromErrorInfo(transportName: string, info: TransportErrorInfo, cause?: unknown): TransportError {
  return new TransportError(transportName, info.code, info.message, {
    retryable: info.retryable,
    ...(info.retryAfterMs !== undefined ? { retryAfterMs: info.retryAfterMs } : {}),
    ...(cause !== undefined ? { cause } : {}),
  });
}

/** Error info of a code with its default `retryable`: what a server puts in `nack` and `error` frames. */
export function errorInfoFor(code: TransportErrorCode, message: string, retryAfterMs?: number): TransportErrorInfo {
  return { code, message, retryable: isRetryableCode(code), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}
