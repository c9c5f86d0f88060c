// Safe rich text for the operator console: the same subset and rules as the widget's
// src/ui/parts/markdown.ts (bold, italic, inline code, code blocks, lists, checked links,
// autolinks), built as DOM nodes with createElement and text nodes: never innerHTML. Bot and
// operator messages are formatted; the customer's own words stay literal. Linear time, bounded
// nesting. Both renderers are held to one table of cases: test/ui/rich-text-cases.ts.

const SCHEMES = ['http:', 'https:', 'mailto:', 'tel:'];
/** Links per message; later URLs stay text. */
const MAX_LINKS = 100;
/** Bold and italic nest at most this deep. */
const MAX_DEPTH = 3;
const URL_MAX = 2048;
const CANDIDATE = /\b(?:https?:\/\/|mailto:|tel:)[^\s<>"'`]+/gi;
const TRAILING = '.,;:!?\'")]}»';
const WORD = /[\p{L}\p{N}]/u;

const isSpace = (c) => c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isWord = (c) => c !== undefined && WORD.test(c);

function safeUrl(raw) {
  try {
    const url = new URL(raw.trim());
    return SCHEMES.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

const count = (s, ch) => s.split(ch).length - 1;

/** Text runs and autolinks of `text` (trailing punctuation stays text; a loop, not a regex). */
function linkify(text, links) {
  const out = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    if (links.left <= 0) break;
    let end = match[0].length;
    while (end > 0 && TRAILING.includes(match[0][end - 1])) end--;
    let raw = match[0].slice(0, end);
    if (match[0][end] === ')' && count(raw, '(') > count(raw, ')')) raw += ')';
    const href = safeUrl(raw);
    if (!href || raw.length < 8) continue;
    if (match.index > last) out.push({ t: 'text', s: text.slice(last, match.index) });
    out.push({ t: 'link', s: raw, href });
    links.left--;
    last = match.index + raw.length;
  }
  if (last < text.length) out.push({ t: 'text', s: text.slice(last) });
  return out;
}

function closes(s, kind, j) {
  const c = s[j];
  if (kind.length === 2) return c === kind[0] && s[j + 1] === c && !isSpace(s[j - 1]) && s[j - 1] !== c && (c === '*' || !isWord(s[j + 2]));
  if (c !== kind) return false;
  if (c === '*' || c === '_') return s[j - 1] !== c && s[j + 1] !== c && !isSpace(s[j - 1]) && !isWord(s[j + 1]);
  return true;
}

/** The inline nodes of one block's text; each closer kind is looked up through a forward-only memo. */
function inlines(s, links) {
  const memo = {};
  let badLink = -1;
  const next = (kind, from) => {
    const hit = memo[kind];
    if (hit !== undefined && hit >= from) return hit;
    let j = from;
    while (j < s.length && !closes(s, kind, j)) j++;
    memo[kind] = j < s.length ? j : Infinity;
    return memo[kind];
  };
  const link = (i, to) => {
    const j = next(']', i + 1);
    if (j >= to || j === i + 1 || s[j + 1] !== '(' || j === badLink || next('[', i + 1) < j) return null;
    let k = j + 2;
    while (k < to && k - j < URL_MAX && !isSpace(s[k]) && !'()[]<>"'.includes(s[k])) k++;
    const href = s[k] === ')' && k < to ? safeUrl(s.slice(j + 2, k)) : null;
    if (href) return [{ t: 'link', s: s.slice(i + 1, j), href }, k + 1];
    badLink = j;
    return null;
  };
  const span = (i, to, depth) => {
    const c = s[i];
    if (c === '`') {
      const j = next('`', i + 1);
      return j < to && j > i + 1 ? [{ t: 'code', s: s.slice(i + 1, j) }, j + 1] : null;
    }
    if (c === '[') return link(i, to);
    if (depth >= MAX_DEPTH) return null;
    const n = s[i + 1] === c ? 2 : 1;
    const after = s[i + n];
    if (isSpace(after) || after === c || (!(n === 2 && c === '*') && isWord(s[i - 1]))) return null;
    const j = next(n === 2 ? c + c : c, i + n + 1);
    return j + n > to ? null : [{ t: n === 2 ? 'strong' : 'em', c: parse(i + n, j, depth + 1) }, j + n];
  };
  const parse = (from, to, depth) => {
    const out = [];
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
      if (i > lit) out.push(...linkify(s.slice(lit, i), links));
      out.push(hit[0]);
      i = lit = hit[1];
    }
    if (to > lit) out.push(...linkify(s.slice(lit, to), links));
    return out;
  };
  return parse(0, s.length, 0);
}

function listItem(line) {
  let i = 0;
  while (i < 3 && line[i] === ' ') i++;
  const c = line[i];
  if ((c === '-' || c === '*') && line[i + 1] === ' ') return line.slice(i + 2).trim() ? ['ul', 1, line.slice(i + 2)] : null;
  let j = i;
  while (j - i < 9 && line[j] >= '0' && line[j] <= '9') j++;
  if (j === i || line[j] !== '.' || line[j + 1] !== ' ' || !line.slice(j + 2).trim()) return null;
  return ['ol', Number(line.slice(i, j)), line.slice(j + 2)];
}

/** Nodes of `text`: leaves with `s` (text, code, link, pre) and elements with children `c` (p, strong, em, ul, ol, li). */
export function parseRich(text, format = true) {
  const links = { left: MAX_LINKS };
  if (!format) return [{ t: 'p', c: linkify(text, links) }];
  const lines = text.split('\n');
  const blocks = [];
  let para = [];
  let fences = true;
  const flush = (beforeBlock) => {
    const trim = beforeBlock || blocks.length > 0;
    let a = 0;
    let b = para.length;
    while (trim && a < b && !para[a].trim()) a++;
    while (trim && b > a && !para[b - 1].trim()) b--;
    if (b > a || !trim) blocks.push({ t: 'p', c: inlines(para.slice(a, b).join('\n'), links) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (fences && line.trimStart().startsWith('```')) {
      let j = i + 1;
      while (j < lines.length && lines[j].trim() !== '```') j++;
      if (j < lines.length) {
        flush(true);
        blocks.push({ t: 'pre', s: lines.slice(i + 1, j).join('\n') });
        i = j;
        continue;
      }
      fences = false;
    }
    const item = listItem(line);
    const last = blocks[blocks.length - 1];
    if (!item) para.push(line);
    else {
      const li = { t: 'li', c: inlines(item[2], links) };
      if (!para.length && last?.t === item[0] && i > 0 && listItem(lines[i - 1])) last.c.push(li);
      else {
        flush(true);
        blocks.push({ t: item[0], c: [li], start: item[1] });
      }
    }
  }
  flush(false);
  return blocks;
}

function h(tag, attrs, children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** One parsed node as DOM nodes; `p` needs no wrapper (the message keeps line breaks). */
function domNode(x) {
  if (x.t === 'text') return document.createTextNode(x.s);
  if (x.t === 'link') {
    const attrs = { href: x.href, rel: 'noopener noreferrer', dir: 'auto' };
    // A new tab for web pages; mailto: and tel: open their own apps.
    if (/^https?:/.test(x.href)) attrs.target = '_blank';
    return h('a', attrs, [x.s]);
  }
  if (x.t === 'code') return h('code', {}, [x.s]);
  if (x.t === 'pre') return h('pre', { dir: 'auto' }, [h('code', {}, [x.s])]);
  const children = x.c.map(domNode);
  if (x.t === 'p') {
    const frag = document.createDocumentFragment();
    frag.append(...children);
    return frag;
  }
  const attrs = x.t === 'li' ? { dir: 'auto' } : x.t === 'ol' && x.start !== 1 ? { start: String(x.start) } : {};
  return h(x.t, attrs, children);
}

/**
 * `text` as DOM nodes: formatted when `format` (bot and operator messages), else literal text
 * with autolinks. Put it in a container with `white-space: pre-wrap` and `dir="auto"`.
 */
export function renderRich(text, format = true) {
  const frag = document.createDocumentFragment();
  frag.append(...parseRich(text, format).map(domNode));
  return frag;
}
