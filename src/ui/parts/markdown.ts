/**
 * The safe rich-text subset of bot and operator messages, parsed into plain data (no DOM, no
 * preact): bold (`**x**`, `__x__`), italic (`*x*`, `_x_` at word boundaries), inline code,
 * fenced code blocks, bulleted and numbered lists, `[label](url)` links (http, https, mailto,
 * tel) and autolinks. Anything else, and any markup that does not close, stays literal text.
 *
 * Linear time: one pass over the lines, one pass over each block's text; every closing
 * delimiter is looked up through a per-kind memo that only moves forward, no regex backtracks,
 * and emphasis nests at most {@link MAX_DEPTH} deep. The console has its own copy of these rules
 * (`server/console/rich-text.js`); `test/ui/rich-text-cases.ts` holds both to one table.
 * @module
 */
import { linkify, MAX_LINKS } from '../shared/linkify';
import { LINK_SCHEMES, safeUrl } from '../shared/safe-url';

/**
 * A node of parsed rich text: a leaf with its text `s` (`pre` is a code block), or an element
 * around its children `c`: `p` is text with its line breaks (rendered without a wrapper), `ol`
 * has the number it starts at.
 */
export type RichNode =
  | { t: 'text'; s: string }
  | { t: 'code'; s: string }
  | { t: 'pre'; s: string }
  | { t: 'link'; s: string; href: string }
  | { t: 'strong' | 'em' | 'p' | 'ul' | 'ol' | 'li'; c: RichNode[]; start?: number };

/** Bold and italic nest at most this deep; deeper delimiters stay text. */
export const MAX_DEPTH = 3;
/** A `[label](url)` URL longer than this stays text. */
const URL_MAX = 2048;

const isSpace = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';
const WORD = /[\p{L}\p{N}]/u;
const isWord = (c: string | undefined) => c !== undefined && WORD.test(c);

/** Whether a closing delimiter of `kind` (`**`, `__`, `*`, `_`, `` ` ``, `]`, `[`) ends at `s[j]`. */
function closes(s: string, kind: string, j: number): boolean {
  const c = s[j];
  if (kind.length === 2) return c === kind[0] && s[j + 1] === c && !isSpace(s[j - 1]) && s[j - 1] !== c && (c === '*' || !isWord(s[j + 2]));
  if (c !== kind) return false;
  if (c === '*' || c === '_') return s[j - 1] !== c && s[j + 1] !== c && !isSpace(s[j - 1]) && !isWord(s[j + 1]);
  return true;
}

/**
 * The inlines of one block's text `s`. `memo` holds the next closer found per kind: every query
 * starts at or after the previous one, so each kind's scans cover disjoint stretches of `s`.
 */
function inlines(s: string, links: { left: number }): RichNode[] {
  const memo: Record<string, number> = {};
  let badLink = -1;
  const next = (kind: string, from: number): number => {
    const hit = memo[kind];
    if (hit !== undefined && hit >= from) return hit;
    let j = from;
    while (j < s.length && !closes(s, kind, j)) j++;
    return (memo[kind] = j < s.length ? j : Infinity);
  };
  const text = (out: RichNode[], from: number, to: number): void => {
    if (to > from) out.push(...literal(s.slice(from, to), links));
  };
  // `[label](url)` at `i`: the link and where it ends, or null.
  const link = (i: number, to: number): [RichNode, number] | null => {
    const j = next(']', i + 1);
    if (j >= to || j === i + 1 || s[j + 1] !== '(' || j === badLink || next('[', i + 1) < j) return null;
    let k = j + 2;
    while (k < to && k - j < URL_MAX && !isSpace(s[k]) && !'()[]<>"'.includes(s[k]!)) k++;
    const href = s[k] === ')' && k < to ? safeUrl(s.slice(j + 2, k), LINK_SCHEMES) : null;
    if (href) return [{ t: 'link', s: s.slice(i + 1, j), href }, k + 1];
    badLink = j;
    return null;
  };
  // Code, a link, or emphasis opening at `i`: the node and where it ends, or null.
  const span = (i: number, to: number, depth: number): [RichNode, number] | null => {
    const c = s[i]!;
    if (c === '`') {
      const j = next('`', i + 1);
      return j < to && j > i + 1 ? [{ t: 'code', s: s.slice(i + 1, j) }, j + 1] : null;
    }
    if (c === '[') return link(i, to);
    if (depth >= MAX_DEPTH) return null;
    const n = s[i + 1] === c ? 2 : 1;
    const after = s[i + n];
    // `**` may open inside a word; `__`, `*` and `_` only at its start.
    if (isSpace(after) || after === c || (!(n === 2 && c === '*') && isWord(s[i - 1]))) return null;
    const j = next(n === 2 ? c + c : c, i + n + 1);
    return j + n > to ? null : [{ t: n === 2 ? 'strong' : 'em', c: parse(i + n, j, depth + 1) } as RichNode, j + n];
  };
  const parse = (from: number, to: number, depth: number): RichNode[] => {
    const out: RichNode[] = [];
    let lit = from;
    // Inside a URL (since a `://` with no space after it), `_` and `*` are the URL's own.
    let url = false;
    for (let i = from; i < to; ) {
      const c = s[i];
      if (isSpace(c)) url = false;
      else if (c === ':' && s[i + 1] === '/' && s[i + 2] === '/') url = true;
      const hit = ((c === '*' || c === '_') && !url) || c === '`' || c === '[' ? span(i, to, depth) : null;
      if (!hit) {
        i++;
        continue;
      }
      text(out, lit, i);
      out.push(hit[0]);
      i = lit = hit[1];
    }
    text(out, lit, to);
    return out;
  };
  return parse(0, s.length, 0);
}

/** Text and autolinks of `text`, sharing the message's budget of links. */
function literal(text: string, links: { left: number }): RichNode[] {
  return linkify(text, links.left).map((token) => {
    if (token.kind === 'text') return { t: 'text', s: token.text };
    links.left--;
    return { t: 'link', s: token.text, href: token.href };
  });
}

/** A list item's kind, number and text, or null when `line` is not one. */
function listItem(line: string): [kind: 'ul' | 'ol', n: number, rest: string] | null {
  let i = 0;
  while (i < 3 && line[i] === ' ') i++;
  const c = line[i];
  if ((c === '-' || c === '*') && line[i + 1] === ' ') return line.slice(i + 2).trim() ? ['ul', 1, line.slice(i + 2)] : null;
  let j = i;
  while (j - i < 9 && line[j]! >= '0' && line[j]! <= '9') j++;
  if (j === i || line[j] !== '.' || line[j + 1] !== ' ' || !line.slice(j + 2).trim()) return null;
  return ['ol', Number(line.slice(i, j)), line.slice(j + 2)];
}

const isFence = (line: string) => line.trimStart().startsWith('```');

/**
 * Parses `text` into blocks. Without `format` (the customer's own words) it is one text block
 * with autolinks only, exactly as typed.
 */
export function parseRich(text: string, format = true): RichNode[] {
  const links = { left: MAX_LINKS };
  if (!format) return [{ t: 'p', c: literal(text, links) }];
  const lines = text.split('\n');
  const blocks: RichNode[] = [];
  let para: string[] = [];
  let fences = true;
  // A text block as typed; next to a list or code block, without the blank lines around it.
  const flush = (beforeBlock: boolean) => {
    const trim = beforeBlock || blocks.length > 0;
    let a = 0;
    let b = para.length;
    while (trim && a < b && !para[a]!.trim()) a++;
    while (trim && b > a && !para[b - 1]!.trim()) b--;
    if (b > a || !trim) blocks.push({ t: 'p', c: inlines(para.slice(a, b).join('\n'), links) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fences && isFence(line)) {
      let j = i + 1;
      while (j < lines.length && lines[j]!.trim() !== '```') j++;
      if (j < lines.length) {
        flush(true);
        blocks.push({ t: 'pre', s: lines.slice(i + 1, j).join('\n') });
        i = j;
        continue;
      }
      // No closing fence after this one, so none after any later one either.
      fences = false;
    }
    const item = listItem(line);
    const last = blocks[blocks.length - 1];
    if (!item) para.push(line);
    else {
      const li: RichNode = { t: 'li', c: inlines(item[2], links) };
      if (!para.length && last?.t === item[0] && 'c' in last && i > 0 && listItem(lines[i - 1]!)) last.c.push(li);
      else {
        flush(true);
        blocks.push({ t: item[0], c: [li], start: item[1] });
      }
    }
  }
  flush(false);
  return blocks;
}
