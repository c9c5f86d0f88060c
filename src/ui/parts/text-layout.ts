/**
 * Bounded layout of untrusted text: parsed once per part ({@link parseRich}), a visible prefix, and break
 * opportunities inside long unbroken runs. Pure: no DOM, no preact.
 * @module
 */
import { type Block, type Inline, parseRich } from './markdown';

/** Characters a text shows before "Show more". */
export const TEXT_CAP = 3_000;
/** Characters each "Show more" adds: the reveal stays as cheap as the first render. */
export const TEXT_STEP = 6_000;
/** A run of non-space characters longer than this gets break opportunities; words stay whole. */
export const RUN_MAX = 30;
/** Inside such a run, a break opportunity every this many characters, so its lines stay full. */
export const RUN_STEP = 10;

/** A parsed text: its blocks and how many characters it shows in full. */
export interface RichDoc {
  blocks: Block[];
  size: number;
}

// Keyed by the part object (messages are immutable), so re-renders never parse again.
const docCache = new WeakMap<object, { text: string; format: boolean; doc: RichDoc }>();

const inlineSize = (nodes: Inline[]): number => nodes.reduce((n, x) => n + ('c' in x ? inlineSize(x.c) : x.s.length), 0);

/** Characters `blocks` show: the text, plus one per list item and code block (the line it starts). */
export function sizeOf(blocks: readonly Block[]): number {
  let n = 0;
  for (const b of blocks)
    n += b.t === 'p' ? inlineSize(b.c) : b.t === 'pre' ? b.s.length + 1 : b.items.reduce((m, item) => m + inlineSize(item) + 1, 0);
  return n;
}

/** The parsed `text`, computed once per `key` (a part object); `format` off keeps it literal. */
export function docOf(key: object, text: string, format: boolean): RichDoc {
  const hit = docCache.get(key);
  if (hit && hit.text === text && hit.format === format) return hit.doc;
  const blocks = parseRich(text, format);
  const doc = { blocks, size: sizeOf(blocks) };
  docCache.set(key, { text, format, doc });
  return doc;
}

function clipInlines(nodes: Inline[], left: { n: number }): Inline[] {
  const out: Inline[] = [];
  for (const x of nodes) {
    if (left.n <= 0) break;
    if ('c' in x) out.push({ ...x, c: clipInlines(x.c, left) });
    else if (x.s.length <= left.n) {
      out.push(x);
      left.n -= x.s.length;
    } else {
      // A link cut in half would point somewhere else: its visible part stays plain text.
      out.push({ t: x.t === 'code' ? 'code' : 'text', s: x.s.slice(0, left.n) });
      left.n = 0;
    }
  }
  return out;
}

/** The first `limit` characters of `doc` (as {@link sizeOf} counts them); `cut` when something was left out. */
export function clip(doc: RichDoc, limit: number): { blocks: Block[]; cut: boolean } {
  if (doc.size <= limit) return { blocks: doc.blocks, cut: false };
  const left = { n: limit };
  const out: Block[] = [];
  for (const b of doc.blocks) {
    if (left.n <= 0) break;
    if (b.t === 'p') out.push({ t: 'p', c: clipInlines(b.c, left) });
    else if (b.t === 'pre') {
      left.n--;
      out.push({ t: 'pre', s: b.s.slice(0, left.n) });
      left.n -= b.s.length;
    } else {
      const items: Inline[][] = [];
      for (const item of b.items) {
        if (left.n-- <= 0) break;
        items.push(clipInlines(item, left));
      }
      out.push({ t: b.t, start: b.start, items });
    }
  }
  return { blocks: out, cut: true };
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
