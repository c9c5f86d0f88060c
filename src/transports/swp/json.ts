/**
 * Prototype-pollution-safe JSON parsing for untrusted server payloads.
 * @module
 */

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** `JSON.parse` reviver that drops keys able to reach or replace an object's prototype. */
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
