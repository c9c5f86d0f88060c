/**
 * Bounded layout of untrusted text: parsed once per part ({@link parseRich}), a visible prefix, and break
 * opportunities inside long unbroken runs. Pure: no DOM, no preact.
 * @module
 */
import { parseRich, type RichNode } from './markdown';

/** Characters a text shows before "Show more". */
export const TEXT_CAP = 3_000;
/** Characters each "Show more" adds: the reveal stays as cheap as the first render. */
export const TEXT_STEP = 6_000;
/** A run of non-space characters longer than this gets break opportunities; words stay whole. */
export const RUN_MAX = 30;
/** Inside such a run, a break opportunity every this many characters, so its lines stay full. */
export const RUN_STEP = 10;

/** A parsed text: its nodes and how many characters it shows in full. */
export interface RichDoc {
  nodes: RichNode[];
  size: number;
}

// Keyed by the part object (messages are immutable), so re-renders never parse again.
const docCache = new WeakMap<object, { text: string; format: boolean; doc: RichDoc }>();

/** A list item and a code block also count the line they start. */
const own = (x: RichNode) => (x.t === 'li' || x.t === 'pre' ? 1 : 0);

/** Characters `nodes` show: their text, plus one per list item and code block. */
export function sizeOf(nodes: readonly RichNode[]): number {
  return nodes.reduce((n, x) => n + own(x) + ('c' in x ? sizeOf(x.c) : x.s.length), 0);
}

/** The parsed `text`, computed once per `key` (a part object); `format` off keeps it literal. */
export function docOf(key: object, text: string, format: boolean): RichDoc {
  const hit = docCache.get(key);
  if (hit && hit.text === text && hit.format === format) return hit.doc;
  const nodes = parseRich(text, format);
  const doc = { nodes, size: sizeOf(nodes) };
  docCache.set(key, { text, format, doc });
  return doc;
}

function clipNodes(nodes: readonly RichNode[], left: { n: number }): RichNode[] {
  const out: RichNode[] = [];
  for (const x of nodes) {
    // A list item or code block shows only with room for at least one character of it.
    if (left.n <= own(x)) break;
    left.n -= own(x);
    if ('c' in x) out.push({ ...x, c: clipNodes(x.c, left) });
    else if (x.s.length <= left.n) {
      out.push(x);
      left.n -= x.s.length;
    } else {
      // A link cut in half would point somewhere else: its visible part stays plain text.
      out.push({ t: x.t === 'link' ? 'text' : x.t, s: x.s.slice(0, left.n) });
      left.n = 0;
    }
  }
  return out;
}

/** The first `limit` characters of `doc` (as {@link sizeOf} counts them); `cut` when something was left out. */
export function clip(doc: RichDoc, limit: number): { nodes: RichNode[]; cut: boolean } {
  return doc.size <= limit ? { nodes: doc.nodes, cut: false } : { nodes: clipNodes(doc.nodes, { n: limit }), cut: true };
}

/**
 * Splits `text` so that a run of more than `run` non-space characters is cut every `step`
 * characters after its first `run`; the renderer puts a `<wbr>` between pieces (Chromium's line
 * breaking is slow on a long run, and ragged when the only breaks are far apart). Never splits
 * a surrogate pair.
 */
export function breakRuns(text: string, run = RUN_MAX, step = RUN_STEP): string[] {
  if (text.length <= run) return [text];
  const pieces: string[] = [];
  let start = 0;
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Space and control characters (tab, newline) already break a line.
    if (c <= 32) runStart = i + 1;
    else if (i - start >= step && i - runStart >= run && !(c >= 0xdc00 && c <= 0xdfff)) {
      pieces.push(text.slice(start, i));
      start = i;
    }
  }
  pieces.push(text.slice(start));
  return pieces;
}
