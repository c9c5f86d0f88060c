/**
 * Validation of untrusted client frames into fresh, plain objects. Only own properties are read,
 * so `__proto__` / `constructor` keys in the input can never reach a prototype.
 * @module
 */
import type { Action } from '../src/core/model';
import type { ChatUser } from '../src/core/transport';
import type { ClientFrame } from '../src/transports/swp/frames';
import type { ServerLimits } from './config';

/** Validation result: the frame, or why it was refused (with the frame id when one was readable). */
export type Checked = { ok: true; frame: ClientFrame } | { ok: false; message: string; ref?: string; tooLarge?: boolean };

class Invalid extends Error {
  tooLarge = false;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(o: Record<string, unknown>, key: string, max: number, required: true): string;
function str(o: Record<string, unknown>, key: string, max: number, required?: false): string | undefined;
function str(o: Record<string, unknown>, key: string, max: number, required = false): string | undefined {
  const v = own(o, key);
  if (v === undefined || (v === null && !required)) {
    if (required) throw new Invalid(`"${key}" is required`);
    return undefined;
  }
  if (typeof v !== 'string') throw new Invalid(`"${key}" must be a string`);
  if (required && v.length === 0) throw new Invalid(`"${key}" must not be empty`);
  if (v.length > max) {
    const e = new Invalid(`"${key}" is longer than ${max} characters`);
    e.tooLarge = key === 'text';
    throw e;
  }
  return v;
}

function int(o: Record<string, unknown>, key: string, min: number, max: number, required = false): number | undefined {
  const v = own(o, key);
  if (v === undefined || v === null) {
    if (required) throw new Invalid(`"${key}" is required`);
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new Invalid(`"${key}" must be an integer in ${min}..${max}`);
  return v;
}

function bool(o: Record<string, unknown>, key: string): boolean {
  const v = own(o, key);
  if (typeof v !== 'boolean') throw new Invalid(`"${key}" must be a boolean`);
  return v;
}

function obj(o: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const v = own(o, key);
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v)) throw new Invalid(`"${key}" must be an object`);
  return v;
}

/** A flat record of short strings (metadata). Dangerous keys are dropped. */
function stringRecord(o: Record<string, unknown>, key: string): Record<string, string> | undefined {
  const v = obj(o, key);
  if (!v) return undefined;
  const out: Record<string, string> = {};
  const keys = Object.keys(v);
  if (keys.length > 50) throw new Invalid(`"${key}" has more than 50 entries`);
  for (const k of keys) {
    if (FORBIDDEN_KEYS.has(k) || k.length > 64) continue;
    const val = v[k];
    if (typeof val !== 'string') throw new Invalid(`"${key}.${k}" must be a string`);
    out[k] = val.slice(0, 1000);
  }
  return out;
}

function attributes(o: Record<string, unknown>): Record<string, string | number | boolean> | undefined {
  const v = obj(o, 'attributes');
  if (!v) return undefined;
  const out: Record<string, string | number | boolean> = {};
  const keys = Object.keys(v);
  if (keys.length > 50) throw new Invalid('"attributes" has more than 50 entries');
  for (const k of keys) {
    if (FORBIDDEN_KEYS.has(k) || k.length > 64) continue;
    const val = v[k];
    if (typeof val === 'string') out[k] = val.slice(0, 500);
    else if ((typeof val === 'number' && Number.isFinite(val)) || typeof val === 'boolean') out[k] = val;
    else throw new Invalid(`"attributes.${k}" must be a string, number or boolean`);
  }
  return out;
}

function user(o: Record<string, unknown>): ChatUser | undefined {
  const u = obj(o, 'user');
  if (!u) return undefined;
  const out: ChatUser = {};
  const id = str(u, 'id', 256);
  if (id !== undefined) out.id = id;
  for (const k of ['name', 'email', 'phone'] as const) {
    const v = str(u, k, 200);
    if (v !== undefined) out[k] = v;
  }
  const hash = str(u, 'hash', 256);
  if (hash !== undefined) out.hash = hash;
  const exp = int(u, 'hashExpires', 0, 1e13);
  if (exp !== undefined) out.hashExpires = exp;
  const seg = own(u, 'segment');
  if (seg !== undefined && seg !== null) {
    if (seg !== 'private' && seg !== 'business') throw new Invalid('"segment" must be "private" or "business"');
    out.segment = seg;
  }
  const attrs = attributes(u);
  if (attrs) out.attributes = attrs;
  return out;
}

const ACTION_KINDS = new Set(['reply', 'postback', 'url', 'handoff']);

function action(o: Record<string, unknown>): Action | undefined {
  const a = obj(o, 'action');
  if (!a) return undefined;
  const kind = own(a, 'kind');
  if (typeof kind !== 'string' || !ACTION_KINDS.has(kind)) throw new Invalid('"action.kind" must be reply, postback, url or handoff');
  return { id: str(a, 'id', 128, true), label: str(a, 'label', 200, true), kind: kind as Action['kind'], value: str(a, 'value', 1000) ?? '' };
}

function attachmentIds(o: Record<string, unknown>, maxFiles: number): Array<{ id: string }> | undefined {
  const v = own(o, 'attachments');
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw new Invalid('"attachments" must be an array');
  if (v.length > maxFiles) throw new Invalid(`at most ${maxFiles} attachments per message`);
  return v.map((item) => {
    if (!isRecord(item)) throw new Invalid('"attachments[]" must be objects');
    return { id: str(item, 'id', 128, true) };
  });
}

function build(o: Record<string, unknown>, limits: ServerLimits): ClientFrame {
  const t = own(o, 't');
  const id = (): string => str(o, 'id', 128, true);
  const conv = (): string => str(o, 'conversationId', 128, true);
  switch (t) {
    case 'hello': {
      const f: ClientFrame = { t, id: id(), client: { sdk: 'unknown', locale: 'en' } };
      const token = str(o, 'token', 512);
      if (token !== undefined) f.token = token;
      const u = user(o);
      if (u) f.user = u;
      const c = obj(o, 'client');
      if (c) f.client = { sdk: str(c, 'sdk', 64) ?? 'unknown', locale: str(c, 'locale', 35) ?? 'en' };
      const r = obj(o, 'resume');
      if (r) f.resume = { conversationId: str(r, 'conversationId', 128, true), cursor: str(r, 'cursor', 32, true) };
      const m = stringRecord(o, 'metadata');
      if (m) f.metadata = m;
      return f;
    }
    case 'send': {
      const f: ClientFrame = { t, id: id(), conversationId: conv(), clientId: str(o, 'clientId', 128, true) };
      const text = str(o, 'text', limits.maxTextLength);
      if (text !== undefined) f.text = text;
      const atts = attachmentIds(o, limits.maxUploadFiles);
      if (atts) f.attachments = atts;
      const a = action(o);
      if (a) f.action = a;
      const m = stringRecord(o, 'metadata');
      if (m) f.metadata = m;
      return f;
    }
    case 'typing':
      return { t, conversationId: conv(), on: bool(o, 'on') };
    case 'read':
      return { t, id: id(), conversationId: conv(), upTo: int(o, 'upTo', 0, Number.MAX_SAFE_INTEGER, true)! };
    case 'history': {
      const f: ClientFrame = { t, id: id(), conversationId: conv() };
      const before = int(o, 'before', 0, Number.MAX_SAFE_INTEGER);
      if (before !== undefined) f.before = before;
      const limit = int(o, 'limit', 1, 100);
      if (limit !== undefined) f.limit = limit;
      return f;
    }
    case 'handoff.request': {
      const f: ClientFrame = { t, id: id(), conversationId: conv() };
      const reason = str(o, 'reason', 200);
      if (reason !== undefined) f.reason = reason;
      const topic = str(o, 'topic', 200);
      if (topic !== undefined) f.topic = topic;
      return f;
    }
    case 'verify.submit':
      return { t, id: id(), challengeId: str(o, 'challengeId', 128, true), code: str(o, 'code', 32, true) };
    case 'close':
      return { t, id: id(), conversationId: conv() };
    case 'rate': {
      const f: ClientFrame = { t, id: id(), conversationId: conv(), score: int(o, 'score', 1, 5, true)! };
      const comment = str(o, 'comment', 2000);
      if (comment !== undefined) f.comment = comment;
      return f;
    }
    case 'ping':
    case 'pong': {
      const n = own(o, 'n');
      return { t, n: typeof n === 'number' && Number.isFinite(n) ? n : 0 };
    }
    default:
      throw new Invalid(typeof t === 'string' ? `unknown frame type "${t.slice(0, 40)}"` : 'frame has no "t" type');
  }
}

/** Validates one parsed JSON value as a client frame. */
export function checkFrame(value: unknown, limits: ServerLimits): Checked {
  if (!isRecord(value)) return { ok: false, message: 'a frame must be a JSON object' };
  const rawId = own(value, 'id');
  const ref = typeof rawId === 'string' && rawId.length <= 128 ? rawId : undefined;
  try {
    return { ok: true, frame: build(value, limits) };
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    return { ok: false, message: e.message, ...(ref !== undefined ? { ref } : {}), ...(e.tooLarge ? { tooLarge: true } : {}) };
  }
}

/** Copies an HTTP JSON body into a frame shape (own keys only) with the given `t`, `id` and fields. */
export function bodyAsFrame(body: unknown, t: string, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (isRecord(body)) for (const k of Object.keys(body)) if (!FORBIDDEN_KEYS.has(k)) out[k] = body[k];
  out.t = t;
  if (out.id === undefined) out.id = 'http';
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) out[k] = v;
  return out;
}
