/**
 * The one validator style of the protocol: small checkers that take an untrusted value and the
 * path it sits at, and return either a fresh, cleaned value (unknown fields dropped, own
 * properties only) or a failure naming the field, e.g. `message.parts[0].text`.
 * @module
 */
import { isForbiddenKey, isRecord, own } from './json';

/** A cleaned value, or which field is bad and why. */
export type CheckResult<T> = { ok: true; value: T } | { ok: false; field: string; reason: string };

/** Failure half of {@link CheckResult}. */
export type CheckFailure = Extract<CheckResult<never>, { ok: false }>;

/** Checks `value` found at `path` ('' for the root). */
export type Checker<T> = (value: unknown, path: string) => CheckResult<T>;

/** A checker for an object field that may be left out (see {@link optional}, {@link lenient}). */
export type OptionalChecker<T> = Checker<T | undefined> & { readonly optional: true };

/** Fields of an {@link object} checker. */
export type Shape = Record<string, Checker<unknown>>;

type Pretty<T> = { [K in keyof T]: T[K] };
type Value<C> = C extends Checker<infer T> ? T : never;
/** The cleaned object a {@link Shape} yields: optional checkers give optional properties. */
export type ShapeValue<S extends Shape> = Pretty<
  { [K in keyof S as S[K] extends { optional: true } ? never : K]: Value<S[K]> } & {
    [K in keyof S as S[K] extends { optional: true } ? K : never]?: Exclude<Value<S[K]>, undefined>;
  }
>;

/** A success. */
export const ok = <T>(value: T): CheckResult<T> => ({ ok: true, value });
/** A failure of the field at `path`. */
export const fail = (path: string, reason: string): CheckFailure => ({ ok: false, field: path || 'value', reason });
/** The path of `key` inside `path`. */
export const fieldPath = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** Runs a checker on a root value. */
export function check<T>(checker: Checker<T>, value: unknown, path = ''): CheckResult<T> {
  return checker(value, path);
}

/** A string of `min`..`max` characters (defaults 0..100,000). */
export function string(opts: { min?: number; max?: number } = {}): Checker<string> {
  const min = opts.min ?? 0;
  const max = opts.max ?? 100_000;
  return (v, path) => {
    if (typeof v !== 'string') return fail(path, 'must be a string');
    if (v.length < min) return fail(path, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
    if (v.length > max) return fail(path, `is longer than ${max} characters`);
    return ok(v);
  };
}

/** A finite number in `min`..`max`, an integer when `integer`. */
export function number(opts: { min?: number; max?: number; integer?: boolean } = {}): Checker<number> {
  const min = opts.min ?? -Number.MAX_VALUE;
  const max = opts.max ?? Number.MAX_VALUE;
  return (v, path) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return fail(path, 'must be a number');
    if (opts.integer && !Number.isSafeInteger(v)) return fail(path, 'must be an integer');
    if (v < min || v > max) return fail(path, `must be in ${min}..${max}`);
    return ok(v);
  };
}

/** A non-negative safe integer: seqs, cursors, counts. */
export const seq: Checker<number> = number({ min: 0, integer: true });

/** A boolean. */
export const boolean: Checker<boolean> = (v, path) => (typeof v === 'boolean' ? ok(v) : fail(path, 'must be a boolean'));

/** One of the listed strings. */
export function oneOf<const L extends readonly string[]>(list: L): Checker<L[number]> {
  return (v, path) =>
    typeof v === 'string' && (list as readonly string[]).includes(v) ? ok(v as L[number]) : fail(path, `must be one of ${list.join(', ')}`);
}

/** Exactly `value`. */
export function literal<const V extends string | boolean>(value: V): Checker<V> {
  return (v, path) => (v === value ? ok(value) : fail(path, `must be ${String(value)}`));
}

/** `null`, or what `inner` accepts. */
export function nullable<T>(inner: Checker<T>): Checker<T | null> {
  return (v, path) => (v === null ? ok(null) : inner(v, path));
}

/** Absent (or null) is left out; present must pass `inner`. The strict reader's optional field. */
export function optional<T>(inner: Checker<T>): OptionalChecker<T> {
  const c: Checker<T | undefined> = (v, path) => (v === undefined || v === null ? ok(undefined) : inner(v, path));
  return Object.assign(c, { optional: true as const });
}

/** Anything `inner` refuses is left out. The tolerant reader's optional field: extras never sink a message. */
export function lenient<T>(inner: Checker<T>): OptionalChecker<T> {
  const c: Checker<T | undefined> = (v, path) => {
    const r = inner(v, path);
    return r.ok ? r : ok(undefined);
  };
  return Object.assign(c, { optional: true as const });
}

/** Absent (or null) becomes `fallback`; present must pass `inner`. */
export function withDefault<T>(inner: Checker<T>, fallback: T): Checker<T> {
  return (v, path) => (v === undefined || v === null ? ok(fallback) : inner(v, path));
}

/** Transforms what `inner` accepts. */
export function map<T, U>(inner: Checker<T>, f: (value: T) => U): Checker<U> {
  return (v, path) => {
    const r = inner(v, path);
    return r.ok ? ok(f(r.value)) : r;
  };
}

/** Options of {@link array}. */
export interface ArrayOptions {
  /** Most items (more is a failure). */
  max?: number;
  /** Leave out items `item` refuses instead of failing the array. */
  dropInvalid?: boolean;
}

/** An array whose items pass `item`. */
export function array<T>(item: Checker<T>, opts: ArrayOptions = {}): Checker<T[]> {
  return (v, path) => {
    if (!Array.isArray(v)) return fail(path, 'must be an array');
    if (opts.max !== undefined && v.length > opts.max) return fail(path, `has more than ${opts.max} items`);
    const out: T[] = [];
    for (let i = 0; i < v.length; i++) {
      const r = item(v[i], `${path}[${i}]`);
      if (r.ok) out.push(r.value);
      else if (!opts.dropInvalid) return r;
    }
    return ok(out);
  };
}

/** A fresh object with only the fields of `shape`, each cleaned; optional fields that came out empty are left out. */
export function object<S extends Shape>(shape: S): Checker<ShapeValue<S>> {
  const keys = Object.keys(shape);
  return (v, path) => {
    if (!isRecord(v)) return fail(path, 'must be an object');
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const r = shape[key]!(own(v, key), fieldPath(path, key));
      if (!r.ok) return r;
      if (r.value !== undefined) out[key] = r.value;
    }
    return ok(out as ShapeValue<S>);
  };
}

/** Options of {@link record}. */
export interface RecordOptions {
  /** Most entries (more is a failure). */
  maxEntries?: number;
  /** Longest key kept; longer keys are left out. */
  maxKeyLength?: number;
  /** Leave out entries `value` refuses instead of failing the record. */
  dropInvalid?: boolean;
}

/** A flat record whose values pass `value`; forbidden and over-long keys are left out. */
export function record<T>(value: Checker<T>, opts: RecordOptions = {}): Checker<Record<string, T>> {
  return (v, path) => {
    if (!isRecord(v)) return fail(path, 'must be an object');
    const keys = Object.keys(v);
    if (opts.maxEntries !== undefined && keys.length > opts.maxEntries) return fail(path, `has more than ${opts.maxEntries} entries`);
    const out: Record<string, T> = {};
    for (const key of keys) {
      if (isForbiddenKey(key) || (opts.maxKeyLength !== undefined && key.length > opts.maxKeyLength)) continue;
      const r = value(v[key], fieldPath(path, key));
      if (r.ok) out[key] = r.value;
      else if (!opts.dropInvalid) return r;
    }
    return ok(out);
  };
}

/** The first of `choices` that accepts the value (the last one's failure otherwise). */
export function anyOf<T>(...choices: Checker<T>[]): Checker<T> {
  return (v, path) => {
    let last: CheckResult<T> = fail(path, 'matches no allowed shape');
    for (const c of choices) {
      last = c(v, path);
      if (last.ok) return last;
    }
    return last;
  };
}

/** What `inner` accepts, or `fallback` for anything else (never fails). */
export function orDefault<T>(inner: Checker<T>, fallback: T): Checker<T> {
  return (v, path) => {
    const r = inner(v, path);
    return r.ok ? r : ok(fallback);
  };
}
