// @vitest-environment happy-dom
import fc from 'fast-check';
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseRich as consoleParse, renderRich } from '../../server/console/rich-text.js';
import { createI18n } from '../../src/i18n';
import { messageText } from '../../src/ui/shared/describe-message';
import { MAX_DEPTH, parseRich, type RichNode } from '../../src/ui/parts/markdown';
import { RichText } from '../../src/ui/parts/RichText';
import { TEXT_CAP } from '../../src/ui/parts/text-layout';
import { ANNA, BOT, createFakeTransport, FULL_CAPABILITIES } from './helpers/emulator';
import { type Mounted, mount, settle } from './helpers/mount';
import { ADVERSARIAL, canon, RICH_CASES } from './rich-text-cases';

const i18n = createI18n('en');

/** What the widget's renderer makes of `text`, as canonical HTML. */
function widgetHtml(text: string, format = true): string {
  const box = document.createElement('div');
  render(<RichText source={{}} text={text} i18n={i18n} format={format} />, box);
  const html = canon(box);
  render(null, box);
  return html;
}

/** What the console's renderer makes of `text`, as canonical HTML. */
function consoleHtml(text: string, format = true): string {
  const box = document.createElement('div');
  box.append(renderRich(text, format));
  return canon(box);
}

describe.each([
  ['widget', widgetHtml],
  ['console', consoleHtml],
])('rich text in the %s', (_where, html) => {
  it.each(RICH_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(html(c.text, c.format ?? true)).toBe(c.html);
  });
});

describe.each([
  ['widget', parseRich],
  ['console', consoleParse],
])('the %s parser', (_where, parse) => {
  it.each(ADVERSARIAL.map(([name, text]) => [name, text] as const))('stays linear on %s', (_name, text) => {
    const t0 = performance.now();
    const blocks = parse(text);
    // Quadratic behaviour on 100,000 characters takes minutes; linear takes milliseconds.
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(blocks.length).toBeGreaterThan(0);
  });
});

it.each(ADVERSARIAL.map(([name, text]) => [name, text] as const))('the widget shows %s clipped, with Show more', (_name, text) => {
  const box = document.createElement('div');
  render(<RichText source={{}} text={text} i18n={i18n} format />, box);
  expect(box.querySelector('.sc-more')).not.toBeNull();
  expect((box.textContent ?? '').length).toBeLessThan(TEXT_CAP + 20);
  render(null, box);
});

describe('any input', () => {
  const ALLOWED = new Set(['A', 'STRONG', 'EM', 'CODE', 'PRE', 'UL', 'OL', 'LI', 'WBR', 'BUTTON']);
  const piece = fc.constantFrom(
    '*',
    '**',
    '_',
    '__',
    '`',
    '```',
    '[',
    ']',
    '(',
    ')',
    '\n',
    '- ',
    '1. ',
    ' ',
    'a',
    'é',
    'ب',
    'https://x.io/',
    'javascript:',
    '<b>',
    '&amp;',
  );
  const markup = fc.array(piece, { maxLength: 60 }).map((xs) => xs.join(''));

  it('both parsers agree, and the widget makes only the allowed elements with safe links', () => {
    fc.assert(
      fc.property(markup, (text) => {
        expect(consoleParse(text)).toEqual(parseRich(text));
        const box = document.createElement('div');
        render(<RichText source={{}} text={text} i18n={i18n} format />, box);
        for (const el of Array.from(box.querySelectorAll('*'))) {
          expect(ALLOWED.has(el.tagName)).toBe(true);
          if (el.tagName === 'A') expect(el.getAttribute('href')).toMatch(/^(https?:|mailto:|tel:)/);
        }
        render(null, box);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the customer's text exactly", () => {
    fc.assert(
      fc.property(markup, (text) => {
        expect(widgetHtml(text, false).replace(/<[^>]+>/g, '')).toBe(
          canon(Object.assign(document.createElement('div'), { textContent: text })),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('one parser, two copies', () => {
  it('the console parses every case and every adversarial input exactly as the widget', () => {
    for (const c of RICH_CASES) expect(consoleParse(c.text, c.format ?? true)).toEqual(parseRich(c.text, c.format ?? true));
    for (const [, text] of ADVERSARIAL) expect(consoleParse(text)).toEqual(parseRich(text));
  });

  it('keeps every character of literal input, and bounds nesting', () => {
    const flat = (xs: RichNode[]): string => xs.map((x) => ('c' in x ? flat(x.c) : x.s)).join('');
    expect(flat(parseRich('*'.repeat(100_000)))).toBe('*'.repeat(100_000));
    expect(flat(parseRich('`'.repeat(100_000)))).toBe('`'.repeat(100_000));
    let depth = 0;
    const walk = (nodes: RichNode[], d: number): void => {
      for (const x of nodes) {
        depth = Math.max(depth, d);
        if ('c' in x) walk(x.c, d + 1);
      }
    };
    const deep = parseRich(`${'**_'.repeat(20_000)}x${'_**'.repeat(20_000)}`);
    for (const b of deep) if (b.t === 'p') walk(b.c, 0);
    expect(depth).toBeLessThanOrEqual(MAX_DEPTH);
  });
});

describe('rich text in the widget', () => {
  let m: Mounted | undefined;
  afterEach(async () => {
    await m?.cleanup();
    m = undefined;
  });

  async function openChat(): Promise<Mounted> {
    m = await mount();
    m.$<HTMLButtonElement>('.sc-launcher')!.click();
    await settle();
    return m;
  }

  it('formats an operator message as DOM nodes and keeps unsafe links as text', async () => {
    await openChat();
    m!.transport.incoming(
      ANNA,
      '**Blocked.** Next:\n- call `+44 20 1234`\n- read [the guide](https://bank.example/guide)\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>',
    );
    await settle();
    const bubble = m!.$('.sc-msg--in .sc-bubble')!;
    expect(bubble.getAttribute('dir')).toBe('auto');
    expect(bubble.querySelector('strong')!.textContent).toBe('Blocked.');
    expect(Array.from(bubble.querySelectorAll('li')).map((li) => li.textContent)).toEqual(['call +44 20 1234', 'read the guide']);
    expect(bubble.querySelector('code')!.textContent).toBe('+44 20 1234');
    const links = Array.from(bubble.querySelectorAll('a'));
    expect(links.map((a) => [a.getAttribute('href'), a.getAttribute('rel'), a.getAttribute('target')])).toEqual([
      ['https://bank.example/guide', 'noopener noreferrer', '_blank'],
    ]);
    expect(bubble.querySelector('img, script')).toBeNull();
    expect(bubble.textContent).toContain('[x](javascript:alert(1)) <img src=x onerror=alert(1)>');
  });

  it('announces a formatted message by its words, not its markup', async () => {
    await openChat();
    m!.transport.incoming(ANNA, '**Blocked.** Read [the guide](https://bank.example/g) and quote `BLK-1`');
    await vi.waitFor(() => expect(m!.$('[role="status"]')!.textContent).toContain('Blocked. Read the guide and quote BLK-1'), {
      timeout: 5000,
    });
    const summary = messageText({
      id: 'u',
      from: { id: 'c', role: 'user' },
      parts: [{ kind: 'text', text: '**mine**' }],
      createdAt: '',
      status: 'sent',
    });
    expect(summary.text).toBe('**mine**');
  });

  it('shows bot text literally when the backend does not declare richText', async () => {
    m = await mount({ transport: createFakeTransport({ ...FULL_CAPABILITIES, richText: false }) });
    m.$<HTMLButtonElement>('.sc-launcher')!.click();
    await settle();
    m.transport.incoming(BOT, '**not bold** and [x](https://a.io)');
    await settle();
    const bubble = m.$('.sc-msg--in .sc-bubble')!;
    expect(bubble.textContent).toBe('**not bold** and [x](https://a.io)');
    expect(bubble.querySelector('strong')).toBeNull();
    expect(bubble.querySelector('a')!.getAttribute('href')).toBe('https://a.io/');
  });

  it("leaves the customer's own stars and dashes alone", async () => {
    await openChat();
    const composer = m!.$<HTMLTextAreaElement>('textarea')!;
    composer.value = '*urgent* my card **4821**\n- not a list';
    composer.dispatchEvent(new Event('input', { bubbles: true }));
    composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle();
    const bubble = m!.$('.sc-msg--out .sc-bubble')!;
    expect(bubble.textContent).toBe('*urgent* my card **4821**\n- not a list');
    expect(bubble.querySelector('strong, em, ul, li')).toBeNull();
  });

  it('clips a long formatted message and reveals it with Show more', async () => {
    await openChat();
    const items = Array.from({ length: 2_000 }, (_, i) => `- **item ${i}** done`).join('\n');
    m!.transport.incoming(BOT, items);
    await settle();
    const bubble = m!.$('.sc-msg--in .sc-bubble')!;
    const shown = bubble.querySelectorAll('li').length;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(2_000);
    expect(bubble.querySelectorAll('li strong').length).toBe(shown);
    expect((bubble.textContent ?? '').length).toBeLessThanOrEqual(TEXT_CAP + 20);
    while (bubble.querySelector('.sc-more')) {
      bubble.querySelector<HTMLButtonElement>('.sc-more')!.click();
      await settle();
    }
    expect(bubble.querySelectorAll('li')).toHaveLength(2_000);
    expect(bubble.querySelectorAll('li')[1_999]!.textContent).toBe('item 1999 done');
  });

  it('renders 100,000 stars from the bot as clipped literal text', async () => {
    await openChat();
    m!.transport.incoming(BOT, '*'.repeat(100_000));
    await settle();
    const bubble = m!.$('.sc-msg--in .sc-bubble')!;
    expect(bubble.querySelector('strong, em')).toBeNull();
    expect(bubble.querySelector('.sc-more')).not.toBeNull();
    expect((bubble.textContent ?? '').startsWith('*'.repeat(TEXT_CAP))).toBe(true);
  });
});
