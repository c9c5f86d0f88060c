/**
 * Prototype-safe JSON for untrusted payloads (wire frames, stored documents, custom part data).
 * @module
 */

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** True for a key able to reach or replace an object's prototype. */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

/** `JSON.parse` reviver that drops `__proto__`, `constructor` and `prototype` keys. */
export function safeReviver(key: string, value: unknown): unknown {
  return FORBIDDEN_KEYS.has(key) ? undefined : value;
}

/** Parses JSON text with {@link safeReviver}; throws `SyntaxError` on bad JSON. */
export function parseJson(text: string): unknown {
  return JSON.parse(text, safeReviver);
}

/** A plain (non-array, non-null) object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an own property only, so inherited (prototype) values never count as input. */
export function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Bounds of {@link cloneJsonValue}. */
export interface JsonBounds {
  /** Deepest nesting of arrays and objects. */
  maxDepth: number;
  /** Most characters (UTF-16 units) of the value serialised. */
  maxLength: number;
}

/**
 * A fresh copy of a JSON value without forbidden keys, or a reason it is not one (a function,
 * `undefined`, a non-finite number, a cycle or too deep nesting, or too large once serialised).
 */
export function cloneJsonValue(value: unknown, bounds: JsonBounds): { ok: true; value: JsonValue } | { ok: false; reason: string } {
  const copy = (v: unknown, depth: number): JsonValue | undefined => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
    if (typeof v !== 'object' || depth >= bounds.maxDepth) return undefined;
    if (Array.isArray(v)) {
      const out: JsonValue[] = [];
      for (const item of v) {
        const c = copy(item, depth + 1);
        if (c === undefined) return undefined;
        out.push(c);
      }
      return out;
    }
    const out: { [key: string]: JsonValue } = {};
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) continue;
      const c = copy((v as Record<string, unknown>)[key], depth + 1);
      if (c === undefined) return undefined;
      out[key] = c;
    }
    return out;
  };
  const cloned = copy(value, 0);
  if (cloned === undefined) return { ok: false, reason: `must be JSON data nested at most ${bounds.maxDepth} deep` };
  if (JSON.stringify(cloned).length > bounds.maxLength)
    return { ok: false, reason: `must be at most ${bounds.maxLength} characters as JSON` };
  return { ok: true, value: cloned };
}
