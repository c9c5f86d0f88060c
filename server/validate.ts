/**
 * Validation of untrusted client frames into fresh, plain objects: the protocol's client-frame
 * validators (`src/protocol/client-frames.ts`) under this server's limits. Only own properties are
 * read, so `__proto__` / `constructor` keys in the input can never reach a prototype.
 * @module
 */
import { checkClientFrame, clientFrameCheckers, isForbiddenKey, isRecord, own, type Checker, type ClientFrame } from '../src/protocol';
import type { ServerLimits } from './config';

/** Validation result: the frame, or why it was refused (with the frame id when one was readable). */
export type Checked = { ok: true; frame: ClientFrame } | { ok: false; message: string; ref?: string; tooLarge?: boolean };

// The checkers depend only on the limits, which are fixed per server: build them once per limits object.
const cache = new WeakMap<ServerLimits, Record<ClientFrame['t'], Checker<ClientFrame>>>();

function checkersFor(limits: ServerLimits): Record<ClientFrame['t'], Checker<ClientFrame>> {
  let checkers = cache.get(limits);
  if (!checkers) {
    checkers = clientFrameCheckers({ maxTextLength: limits.maxTextLength, maxFiles: limits.maxUploadFiles });
    cache.set(limits, checkers);
  }
  return checkers;
}

/** Validates one parsed JSON value as a client frame. */
export function checkFrame(value: unknown, limits: ServerLimits): Checked {
  if (!isRecord(value)) return { ok: false, message: 'a frame must be a JSON object' };
  const rawId = own(value, 'id');
  const ref = typeof rawId === 'string' && rawId.length <= 128 ? rawId : undefined;
  const r = checkClientFrame(value, checkersFor(limits));
  if (r.ok) return { ok: true, frame: r.value };
  const message = r.field === 't' ? r.reason : `"${r.field}" ${r.reason}`;
  // Only an over-long text is "too large" (413 / too_large): the user wrote too much, not a bug.
  const tooLarge = r.field === 'text' && r.reason.startsWith('is longer');
  return { ok: false, message, ...(ref !== undefined ? { ref } : {}), ...(tooLarge ? { tooLarge: true } : {}) };
}

/** Copies an HTTP JSON body into a frame shape (own keys only) with the given `t`, `id` and fields. */
export function bodyAsFrame(body: unknown, t: string, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (isRecord(body)) for (const k of Object.keys(body)) if (!isForbiddenKey(k)) out[k] = body[k];
  out.t = t;
  if (out.id === undefined) out.id = 'http';
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) out[k] = v;
  return out;
}
