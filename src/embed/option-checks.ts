/**
 * Small validators of `createSupportChat`'s options, each throwing an `OptionError` that names
 * the option and the reason.
 * @module
 */
import { OptionError } from '../core/errors';
import type { Transport } from '../core/transport';
import type { NegotiateOptions } from '../i18n/negotiate';

/** Every option `createSupportChat` knows; anything else is refused by name (a typo never passes silently). */
export const OPTION_KEYS: ReadonlySet<string> = new Set(
  'transport target inline launcher title subtitle locale locales strings position offset primaryColor colorScheme zIndex open user metadata nonce connect id storage historyLimit multiTab titleUnread sound renderPart sensitiveGuard transcriptDownload preload greeting'.split(
    ' ',
  ),
);

/** Refuses the first key of `o` that is not an option. */
export function checkKnownKeys(o: Record<string, unknown>, known: ReadonlySet<string> = OPTION_KEYS): void {
  for (const key of Object.keys(o)) {
    if (!known.has(key)) throw new OptionError(key, "unknown option (check its spelling in the README's API reference)");
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optionalString(o: Record<string, unknown>, key: string, max = 200): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new OptionError(key, `expected a string, got ${typeof v}`);
  if (v.length > max) throw new OptionError(key, `longer than ${max} characters`);
  return v;
}

export function pixels(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1000) {
    throw new OptionError(name, 'expected a number of pixels between 0 and 1000');
  }
  return value;
}

export function stringRecord(value: unknown, name: string): Record<string, string> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw new OptionError(name, 'expected an object of strings');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new OptionError(`${name}.${k}`, 'expected a string');
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    out[k] = v;
  }
  return out;
}

export function isTransport(value: unknown): value is Transport {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Partial<Transport>;
  return (
    typeof t.connect === 'function' &&
    typeof t.disconnect === 'function' &&
    typeof t.send === 'function' &&
    typeof t.on === 'function' &&
    typeof t.snapshot === 'function' &&
    typeof t.name === 'string' &&
    isPlainObject(t.capabilities)
  );
}

/** The `locales` option: `{ offered?: string[], fallbacks?: { [language]: language } }`. */
export function negotiateOptions(value: unknown): NegotiateOptions {
  if (!isPlainObject(value))
    throw new OptionError('locales', 'expected an object such as { offered: ["en", "ru"], fallbacks: { uk: "ru" } }');
  checkKnownKeys(value, LOCALES_KEYS);
  const { offered } = value;
  if (offered !== undefined && (!Array.isArray(offered) || !offered.every((c) => typeof c === 'string' && c.length <= 35))) {
    throw new OptionError('locales.offered', 'expected an array of language codes');
  }
  return {
    ...(offered !== undefined ? { offered: offered.map((c: string) => c.toLowerCase()) } : {}),
    ...(value.fallbacks !== undefined ? { fallbacks: stringRecord(value.fallbacks, 'locales.fallbacks') } : {}),
  };
}
const LOCALES_KEYS: ReadonlySet<string> = new Set(['offered', 'fallbacks']);
