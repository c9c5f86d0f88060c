/**
 * Decoding of SWP/1 server frames: safe JSON parsing, then the protocol's validators
 * (`src/protocol/server-frames.ts`). Unknown frame types and unknown event types are ignored
 * (forward compatibility); a frame that breaks the protocol becomes a `ProtocolError` the caller
 * reports without dropping the connection.
 * @module
 */
import type { Capabilities } from '../../core/model';
import { ProtocolError } from '../../core/errors';
import { checkCapabilities } from '../../protocol/capabilities';
import { isRecord, parseJson } from '../../protocol/json';
import { checkServerFrame, checkWelcome, checkWireEvent, type DecodedFrame } from '../../protocol/server-frames';
import type { WireEvent } from './frames';

export type { DecodedFrame, UnknownEventFrame } from '../../protocol/server-frames';

/** Result of {@link decodeServerFrame}. */
export type DecodeResult =
  | { kind: 'frame'; frame: DecodedFrame }
  | { kind: 'ignored'; type: string }
  | { kind: 'error'; error: ProtocolError };

const bad = (what: string, field: string, reason: string): DecodeResult => ({
  kind: 'error',
  error: new ProtocolError(`swp: malformed ${what} frame (${field} ${reason})`),
});

/** Parses and validates one server frame from a WebSocket text message. */
export function decodeServerFrame(data: unknown): DecodeResult {
  if (typeof data !== 'string') return { kind: 'error', error: new ProtocolError('swp: binary frame where text was expected') };
  let raw: unknown;
  try {
    raw = parseJson(data);
  } catch {
    return { kind: 'error', error: new ProtocolError('swp: frame is not valid JSON') };
  }
  if (!isRecord(raw) || typeof raw.t !== 'string') return { kind: 'error', error: new ProtocolError('swp: frame without a type') };
  return decodeRecord(raw);
}

/** Validates an already parsed frame object. */
export function decodeRecord(raw: Record<string, unknown>): DecodeResult {
  const r = checkServerFrame(raw);
  if (r.ok === 'ignored') return { kind: 'ignored', type: r.type };
  if (r.ok) return { kind: 'frame', frame: r.value };
  const what =
    raw.t === 'event' && isRecord(raw.event) && typeof raw.event.type === 'string' && r.field.startsWith('event')
      ? `${raw.event.type} event`
      : String(raw.t);
  return bad(what, r.field, r.reason);
}

/** Validates a durable event: `null` for unknown types, `'bad'` for known types with bad fields. */
export function decodeEvent(e: Record<string, unknown>): WireEvent | null | 'bad' {
  const r = checkWireEvent(e);
  if (r === null) return null;
  return r.ok ? r.value : 'bad';
}

/** Keeps only capability fields of the right type. */
export function decodeCapabilities(raw: unknown): Partial<Capabilities> {
  return checkCapabilities(raw);
}

/** Validated `welcome` body, shared by the WebSocket frame and the HTTP session response. */
export function decodeWelcome(raw: Record<string, unknown>): DecodeResult {
  const r = checkWelcome(raw);
  return r.ok ? { kind: 'frame', frame: r.value } : bad('welcome', r.field, r.reason);
}
