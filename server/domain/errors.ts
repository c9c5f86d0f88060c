/**
 * Domain errors carry the wire error code; transports map them to `nack`/`error` frames or HTTP
 * problem responses.
 * @module
 */
import type { TransportErrorCode } from '../../src/core/model';
import { errorInfoFor } from '../../src/protocol/errors';
import type { WireError } from '../../src/protocol/frames';

const HTTP_STATUS: Record<TransportErrorCode, number> = {
  network: 502,
  auth: 401,
  expired: 401,
  forbidden: 403,
  rate_limited: 429,
  not_found: 404,
  closed: 409,
  invalid: 400,
  too_large: 413,
  unsupported_type: 415,
  server: 500,
  unsupported: 501,
  timeout: 504,
};

/** A refusal with a protocol error code. */
export class ServiceError extends Error {
  readonly code: TransportErrorCode;
  readonly retryAfterMs: number | undefined;
  constructor(code: TransportErrorCode, message: string, retryAfterMs?: number) {
    super(message);
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }
  /** HTTP status of this error. */
  get status(): number {
    return HTTP_STATUS[this.code];
  }
  /** Wire form. */
  toWire(): WireError {
    return toWireError(this.code, this.message, this.retryAfterMs);
  }
}

/** Builds a wire error with the default `retryable` of its code. */
export function toWireError(code: TransportErrorCode, message: string, retryAfterMs?: number): WireError {
  return errorInfoFor(code, message, retryAfterMs);
}

/** HTTP status for an error code. */
export function statusOf(code: TransportErrorCode): number {
  return HTTP_STATUS[code];
}
