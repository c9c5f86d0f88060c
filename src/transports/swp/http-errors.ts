/**
 * HTTP status and `application/problem+json` bodies → `TransportError`.
 * @module
 */
import type { TransportErrorCode } from '../../core/model';
import { TransportError } from '../../core/errors';
import { ERROR_CODES, isOneOf } from '../../protocol/enums';
import { isRecord, parseJson } from '../../protocol/json';
import { num, str } from './validate';

/** Longest `Retry-After` the SDK honours, ms. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Parses a `Retry-After` header (delta seconds or an HTTP date) into ms, capped at 60 s. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

/** The error code an HTTP status stands for. */
export function codeForStatus(status: number): TransportErrorCode {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 409 || status === 410) return 'closed';
  if (status === 413) return 'too_large';
  if (status === 415) return 'unsupported_type';
  if (status === 400 || status === 422) return 'invalid';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'invalid';
}

/**
 * Builds the `TransportError` for a failed HTTP response. The status decides the code unless the
 * problem body names a known one; `Retry-After` (capped) wins over a body's `retryAfterMs`.
 */
export function httpError(transport: string, status: number, bodyText: string, retryAfterHeader?: string | null): TransportError {
  let body: Record<string, unknown> = {};
  try {
    const parsed = bodyText ? parseJson(bodyText) : {};
    if (isRecord(parsed)) body = isRecord(parsed.error) ? parsed.error : parsed;
  } catch {
    // Not JSON: keep the status-derived error.
  }
  const statusCode = codeForStatus(status);
  // A known code in the body wins (e.g. 401 with "expired"); anything else falls back to the status.
  const finalCode = isOneOf(ERROR_CODES, body.code) ? body.code : statusCode;
  const headerMs = parseRetryAfter(retryAfterHeader);
  const bodyMs = num(body.retryAfterMs);
  const retryAfterMs = headerMs ?? (bodyMs !== undefined ? Math.min(MAX_RETRY_AFTER_MS, Math.max(0, bodyMs)) : undefined);
  const message = str(body.detail) ?? str(body.message) ?? str(body.title) ?? `HTTP ${status}`;
  const retryable = status === 429 || status >= 500 || status === 408;
  return new TransportError(transport, finalCode, message, {
    retryable: typeof body.retryable === 'boolean' ? body.retryable : retryable,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}
