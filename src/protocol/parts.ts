/**
 * Message parts as a registry: one entry per part kind, each with its validator and limits,
 * looked up by `kind`. Adding a kind is adding one entry here (and its member of the `Part` union).
 * @module
 */
import type { Part } from '../core/model';
import { fail, fieldPath, lenient, object, ok, string, type Checker, type CheckResult } from './check';
import { PART_KINDS, isOneOf, type PartKind } from './enums';
import { cloneJsonValue, isRecord, own } from './json';
import { actions, attachment, MAX_URL_LENGTH } from './model';

/** Limits of part content. */
export const PART_LIMITS = {
  /** Longest text part, characters. */
  maxTextLength: 100_000,
  /** Longest card title, subtitle or text, characters. */
  maxCardTextLength: 4000,
  /** Longest `type` of a custom part. */
  maxCustomTypeLength: 100,
  /** Largest custom part `data`, serialised as JSON, characters. */
  maxCustomDataLength: 64 * 1024,
  /** Deepest nesting of custom part `data`. */
  maxCustomDataDepth: 16,
} as const;

type PartOf<K extends PartKind> = Extract<Part, { kind: K }>;

/** The registry: the validator of every part kind. */
export const PART_REGISTRY: { readonly [K in PartKind]: Checker<PartOf<K>> } = {
  text: object({ kind: kindOf('text'), text: string({ max: PART_LIMITS.maxTextLength }) }),
  attachment: object({ kind: kindOf('attachment'), attachment }),
  card: object({
    kind: kindOf('card'),
    title: lenient(string({ max: PART_LIMITS.maxCardTextLength })),
    subtitle: lenient(string({ max: PART_LIMITS.maxCardTextLength })),
    text: lenient(string({ max: PART_LIMITS.maxCardTextLength })),
    imageUrl: lenient(string({ max: MAX_URL_LENGTH })),
    actions: lenient(actions),
  }),
  custom: customPart,
};

function kindOf<K extends PartKind>(kind: K): Checker<K> {
  return () => ok(kind);
}

/** `{kind:'custom', type, data}`: `data` must be plain JSON, bounded in size and depth. */
function customPart(v: unknown, path: string): CheckResult<PartOf<'custom'>> {
  if (!isRecord(v)) return fail(path, 'must be an object');
  const type = string({ min: 1, max: PART_LIMITS.maxCustomTypeLength })(own(v, 'type'), fieldPath(path, 'type'));
  if (!type.ok) return type;
  const data = cloneJsonValue(own(v, 'data') ?? null, {
    maxDepth: PART_LIMITS.maxCustomDataDepth,
    maxLength: PART_LIMITS.maxCustomDataLength,
  });
  if (!data.ok) return fail(fieldPath(path, 'data'), data.reason);
  return ok({ kind: 'custom', type: type.value, data: data.value });
}

/** A part of a kind this version does not know: left out, the message kept (forward compatibility). */
export const UNKNOWN_PART = Symbol('unknown part');

/** Checks one part by its registry entry; {@link UNKNOWN_PART} for a kind that has none. */
export function checkPart(v: unknown, path: string): CheckResult<Part> | typeof UNKNOWN_PART {
  if (!isRecord(v)) return fail(path, 'must be an object');
  const kind = own(v, 'kind');
  if (!isOneOf(PART_KINDS, kind)) return UNKNOWN_PART;
  return PART_REGISTRY[kind](v, path);
}

/** A message's parts: parts of unknown kinds are left out, a bad part of a known kind fails. */
export const parts: Checker<Part[]> = (v, path) => {
  if (!Array.isArray(v)) return fail(path, 'must be an array');
  if (v.length > 100) return fail(path, 'has more than 100 items');
  const out: Part[] = [];
  for (let i = 0; i < v.length; i++) {
    const r = checkPart(v[i], `${path}[${i}]`);
    if (r === UNKNOWN_PART) continue;
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
};
