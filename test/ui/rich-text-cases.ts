/**
 * One table of rich-text cases for both renderers: the widget's (src/ui/parts/RichText.tsx over
 * markdown.ts) and the console's (server/console/rich-text.js). `html` is {@link canon} of what
 * each renders: tags with their attributes sorted, text escaped, `<wbr>` left out.
 */

export interface RichCase {
  name: string;
  text: string;
  /** Bot or operator text (formatted); false: the customer's own (literal). Default true. */
  format?: boolean;
  html: string;
}

const LI = '<li dir="auto">';
const A = (href: string, label: string, tab = true) =>
  `<a dir="auto" href="${href}" rel="noopener noreferrer"${tab ? ' target="_blank"' : ''}>${label}</a>`;

export const RICH_CASES: readonly RichCase[] = [
  { name: 'plain text', text: 'Hello there', html: 'Hello there' },
  { name: 'line breaks stay text', text: 'one\ntwo\n\nthree', html: 'one\ntwo\n\nthree' },
  { name: 'bold with stars', text: 'a **bold** word', html: 'a <strong>bold</strong> word' },
  { name: 'bold with underscores', text: '__bold__', html: '<strong>bold</strong>' },
  { name: 'italic with a star', text: 'an *italic* word', html: 'an <em>italic</em> word' },
  { name: 'italic with an underscore', text: '_italic_.', html: '<em>italic</em>.' },
  { name: 'underscores inside a word stay', text: 'snake_case_name and __init__x', html: 'snake_case_name and __init__x' },
  { name: 'stars between digits stay', text: '2*3*4 = 24', html: '2*3*4 = 24' },
  { name: 'spaced stars stay', text: 'a * b * c and ** d **', html: 'a * b * c and ** d **' },
  { name: 'unclosed bold stays', text: '**not closed', html: '**not closed' },
  { name: 'bold and italic nest', text: '**bold _and italic_**', html: '<strong>bold <em>and italic</em></strong>' },
  {
    name: 'nesting is bounded',
    text: '**a __b *c _d_ c* b__ a**',
    html: '<strong>a <strong>b <em>c _d_ c</em> b</strong> a</strong>',
  },
  { name: 'inline code', text: 'Run `npm i` now', html: 'Run <code>npm i</code> now' },
  { name: 'no formatting inside code', text: '`**x** <b>`', html: '<code>**x** &lt;b&gt;</code>' },
  { name: 'empty code stays', text: 'a `` b', html: 'a `` b' },
  {
    name: 'fenced code block',
    text: 'Try:\n```js\nif (a < b && *p*) {}\n```\nDone',
    html: 'Try:<pre dir="auto"><code>if (a &lt; b &amp;&amp; *p*) {}</code></pre>Done',
  },
  { name: 'unclosed fence stays', text: '```\ncode **x**', html: '```\ncode <strong>x</strong>' },
  {
    name: 'bulleted list after text',
    text: 'Steps:\n- one\n- **two**\n\nThanks',
    html: `Steps:<ul>${LI}one</li>${LI}<strong>two</strong></li></ul>Thanks`,
  },
  { name: 'star bullets', text: '* a\n* b', html: `<ul>${LI}a</li>${LI}b</li></ul>` },
  { name: 'numbered list', text: '1. first\n2. second', html: `<ol>${LI}first</li>${LI}second</li></ol>` },
  { name: 'numbered list keeps its start', text: '3. c\n4. d', html: `<ol start="3">${LI}c</li>${LI}d</li></ol>` },
  {
    name: 'a different marker starts a new list',
    text: '- a\n1. b',
    html: `<ul>${LI}a</li></ul><ol>${LI}b</li></ol>`,
  },
  { name: 'a bare marker stays', text: '- \n1.x', html: '- \n1.x' },
  { name: 'link', text: 'See [Help](https://example.com/help).', html: `See ${A('https://example.com/help', 'Help')}.` },
  { name: 'mailto link opens in place', text: '[Write](mailto:help@example.com)', html: A('mailto:help@example.com', 'Write', false) },
  { name: 'tel link', text: '[Call us](tel:+441234567)', html: A('tel:+441234567', 'Call us', false) },
  { name: 'javascript: link stays text', text: '[x](javascript:alert(1))', html: '[x](javascript:alert(1))' },
  { name: 'data: link stays text', text: '[x](data:text/html;base64,PHNjcmlwdD4=)', html: '[x](data:text/html;base64,PHNjcmlwdD4=)' },
  { name: 'relative link stays text', text: '[x](/admin)', html: '[x](/admin)' },
  { name: 'link with a space stays text', text: '[x](https://a.io/ b)', html: `[x](${A('https://a.io/', 'https://a.io/')} b)` },
  { name: 'the nearest bracket opens the link', text: '[a [b](https://x.io)', html: `[a ${A('https://x.io/', 'b')}` },
  { name: 'autolink', text: 'Go to https://example.com/a.', html: `Go to ${A('https://example.com/a', 'https://example.com/a')}.` },
  {
    name: 'autolink inside bold',
    text: '**https://example.com/x**',
    html: `<strong>${A('https://example.com/x', 'https://example.com/x')}</strong>`,
  },
  {
    name: 'underscores and stars inside a URL are the URL',
    text: 'https://x.io/__init__ and https://y.io/*a*',
    html: `${A('https://x.io/__init__', 'https://x.io/__init__')} and ${A('https://y.io/*a*', 'https://y.io/*a*')}`,
  },
  {
    name: 'emphasis after a URL still works',
    text: 'https://x.io/a _done_',
    html: `${A('https://x.io/a', 'https://x.io/a')} <em>done</em>`,
  },
  {
    name: 'HTML stays text',
    text: '<img src=x onerror=alert(1)><script>x</script>',
    html: '&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;x&lt;/script&gt;',
  },
  { name: 'entities stay literal', text: '&lt;b&gt; &amp; &#60;', html: '&amp;lt;b&amp;gt; &amp;amp; &amp;#60;' },
  { name: 'HTML inside bold stays text', text: '**<b onclick=x>y</b>**', html: '<strong>&lt;b onclick=x&gt;y&lt;/b&gt;</strong>' },
  { name: 'right-to-left text', text: 'مرحبا **عالم**', html: 'مرحبا <strong>عالم</strong>' },
  { name: "the customer's text stays literal", format: false, text: '**x** and\n- item\n`c`', html: '**x** and\n- item\n`c`' },
  {
    name: "the customer's links still work",
    format: false,
    text: '[a](https://x.io) https://y.io',
    html: `[a](${A('https://x.io/', 'https://x.io')}) ${A('https://y.io/', 'https://y.io')}`,
  },
];

/** Adversarial inputs: each must parse quickly (linear time) and keep its text. */
export const ADVERSARIAL: readonly [name: string, text: string][] = [
  ['100,000 stars', '*'.repeat(100_000)],
  ['100,000 underscores', '_'.repeat(100_000)],
  ['100,000 backticks', '`'.repeat(100_000)],
  ['100,000 brackets', '['.repeat(50_000) + ']('.repeat(25_000)],
  ['unclosed openers', '*a '.repeat(33_000)],
  ['unclosed bold', '**a '.repeat(25_000)],
  ['link openers without a close', '[a](b'.repeat(20_000)],
  ['link labels without a URL', '[a] '.repeat(25_000)],
  ['deep nesting', `${'**_'.repeat(20_000)}x${'_**'.repeat(20_000)}`],
  ['unclosed fences', '```js\n'.repeat(16_000)],
  ['many list items', '- a\n'.repeat(25_000)],
  ['long URL in a link', `[a](https://a.io/${'x'.repeat(100_000)})`],
];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ESCAPES[c]!);

/** The children of `node` as canonical HTML: tags, attributes sorted by name, escaped text. */
export function canon(node: Node): string {
  let out = '';
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) out += escapeHtml(child.textContent ?? '');
    else if (child.nodeType === 1) {
      const el = child as Element;
      const tag = el.tagName.toLowerCase();
      const attrs = Array.from(el.attributes)
        .map((a) => ` ${a.name}="${escapeHtml(a.value)}"`)
        .sort()
        .join('');
      // <wbr> is the widget's line-breaking hint inside long runs, not content.
      if (tag !== 'wbr') out += `<${tag}${attrs}>${canon(el)}</${tag}>`;
    }
  }
  return out;
}
