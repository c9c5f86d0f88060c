// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatError } from '../../src/core/errors';
import type { ChatMessage } from '../../src/core/model';
import { messageText } from '../../src/ui/shared/describe-message';
import { linkify } from '../../src/ui/shared/linkify';
import { parseRich } from '../../src/ui/parts/markdown';
import { breakRuns, clip, docOf, RUN_MAX, RUN_STEP, TEXT_CAP, TEXT_STEP } from '../../src/ui/parts/text-layout';
import { BOT } from './helpers/emulator';
import { mount, settle, type Mounted } from './helpers/mount';

// Every importer (the part renderers too) gets a spy around the real linkify.
vi.mock('../../src/ui/shared/linkify', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/ui/shared/linkify')>();
  return { ...real, linkify: vi.fn(real.linkify) };
});

let m: Mounted | undefined;
afterEach(async () => {
  await m?.cleanup();
  m = undefined;
  vi.mocked(linkify).mockClear();
});

async function openChat(config: Parameters<typeof mount>[0] = {}): Promise<Mounted> {
  m = await mount(config);
  m.$<HTMLButtonElement>('.sc-launcher')!.click();
  await settle();
  return m;
}

/** The visible text of a bubble without its "Show more" button. */
function shownText(bubble: Element): string {
  const copy = bubble.cloneNode(true) as Element;
  copy.querySelector('.sc-more')?.remove();
  return copy.textContent ?? '';
}

describe('long text', () => {
  it('shows the first part of a huge text, and Show more reveals the rest in steps', async () => {
    await openChat();
    const text = 'a'.repeat(20_000);
    m!.transport.incoming(BOT, text);
    await settle();
    const bubble = m!.$('.sc-msg--in .sc-bubble')!;
    expect(shownText(bubble)).toBe(`${'a'.repeat(TEXT_CAP)}…`);
    let clicks = 0;
    while (bubble.querySelector('.sc-more')) {
      const more = bubble.querySelector<HTMLButtonElement>('.sc-more')!;
      expect(more.textContent).toBe('Show more');
      more.click();
      await settle();
      clicks++;
      const shown = shownText(bubble).replace(/…$/, '').length;
      expect(shown).toBe(Math.min(text.length, TEXT_CAP + clicks * TEXT_STEP));
    }
    expect(clicks).toBe(Math.ceil((text.length - TEXT_CAP) / TEXT_STEP));
    expect(bubble.textContent).toBe(text);
    // The button went away with the last step; focus stayed in the transcript.
    expect(m!.root.activeElement).toBe(m!.$('[role="log"]'));
  });

  it('puts a <wbr> inside long unbroken runs, without changing the text', async () => {
    await openChat();
    const word = 'z'.repeat(RUN_MAX);
    const text = `${'x'.repeat(200)} short words ${word} ${'y'.repeat(70)}`;
    m!.transport.incoming(BOT, text);
    await settle();
    const bubble = m!.$('.sc-msg--in .sc-bubble')!;
    expect(bubble.textContent).toBe(text);
    // Breaks every RUN_STEP characters once a run is past RUN_MAX; a word of RUN_MAX stays whole.
    const breaks = (n: number) => Math.floor((n - 1 - RUN_MAX) / RUN_STEP) + 1;
    expect(bubble.querySelectorAll('wbr').length).toBe(breaks(200) + breaks(70));
    expect(breakRuns(text).some((piece) => piece.includes(`${word} `))).toBe(true);
  });

  it('keeps links safe and caps how many become anchors', async () => {
    await openChat();
    const urls = Array.from({ length: 150 }, (_, i) => `https://a.io/${i}`);
    m!.transport.incoming(BOT, `javascript:alert(1) <b>x</b> data:text/html,hi ${urls.join(' ')}`);
    await settle();
    const bubble = m!.$('.sc-msg--in .sc-bubble')!;
    const links = Array.from(bubble.querySelectorAll('a'));
    expect(links).toHaveLength(100);
    for (const [i, a] of links.entries()) {
      expect(a.getAttribute('href')).toBe(urls[i]);
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    expect(bubble.querySelector('b, script')).toBeNull();
    expect(bubble.textContent).toContain('javascript:alert(1) <b>x</b>');
    expect(bubble.textContent).toContain(urls[149]);
  });

  it('linkifies each message once, however often the transcript re-renders', async () => {
    await openChat();
    m!.transport.incoming(BOT, 'first https://example.com/1');
    m!.transport.incoming(BOT, 'second https://example.com/2');
    await settle();
    expect(vi.mocked(linkify)).toHaveBeenCalledTimes(2);
    for (let i = 0; i < 5; i++) m!.transport.incoming(BOT, `plain ${i}`);
    await settle();
    expect(m!.$$('.sc-msg--in .sc-bubble')).toHaveLength(7);
    const texts = vi.mocked(linkify).mock.calls.map(([text]) => text);
    expect(texts).toHaveLength(7);
    expect(new Set(texts).size).toBe(7);
  });

  it('keeps announcements and summaries short for a huge message', async () => {
    const summary = messageText({
      id: 'x',
      from: BOT,
      parts: [{ kind: 'text', text: 'z'.repeat(100_000) }],
      createdAt: '',
      status: 'sent',
    });
    expect(summary.text.length).toBeLessThanOrEqual(501);
    m = await mount();
    m.transport.incoming(BOT, 'w'.repeat(100_000));
    await vi.waitFor(() => expect(m!.$('[role="status"]')!.textContent).toContain('w'), { timeout: 5000 });
    expect(m.$('[role="status"]')!.textContent!.length).toBeLessThan(400);
  });
});

describe('text layout helpers', () => {
  it('clips at a token boundary or inside a token, and a cut link becomes text', () => {
    const doc = { nodes: parseRich('see https://example.com/long/path now', false), size: 37 };
    expect(clip(doc, 1000)).toEqual({ nodes: doc.nodes, cut: false });
    const cut = clip(doc, 10);
    expect(cut.cut).toBe(true);
    expect(cut.nodes).toEqual([
      {
        t: 'p',
        c: [
          { t: 'text', s: 'see ' },
          { t: 'text', s: 'https:' },
        ],
      },
    ]);
  });

  it('clips formatted text inside bold, lists and code, counting what is shown', () => {
    const doc = docOf({}, 'Hi **there**\n- one\n- two\n```\ncode\n```', true);
    expect(doc.size).toBe('Hi there'.length + 4 + 4 + 5);
    expect(clip(doc, 6).nodes).toEqual([
      {
        t: 'p',
        c: [
          { t: 'text', s: 'Hi ' },
          { t: 'strong', c: [{ t: 'text', s: 'the' }] },
        ],
      },
    ]);
    expect(clip(doc, 11).nodes[1]).toEqual({ t: 'ul', start: 1, c: [{ t: 'li', c: [{ t: 'text', s: 'on' }] }] });
    expect(clip(doc, doc.size - 2).nodes[2]).toEqual({ t: 'pre', s: 'co' });
    expect(clip(doc, doc.size).cut).toBe(false);
  });

  it('breaks runs without splitting surrogate pairs', () => {
    const emoji = '😀'.repeat(40);
    const pieces = breakRuns(emoji, 5);
    expect(pieces.join('')).toBe(emoji);
    for (const p of pieces) expect(p.length % 2).toBe(0);
    expect(breakRuns('short words only', 5)).toEqual(['short words only']);
  });

  it('trims trailing punctuation in linear time', () => {
    const text = `https://a.example/${'.'.repeat(50_000)}x${'.'.repeat(50_000)}`;
    const [link] = linkify(text);
    expect(link).toMatchObject({ kind: 'link' });
    expect(link!.text.endsWith('x')).toBe(true);
  });
});

describe('custom parts', () => {
  const custom = (type: string, data: unknown) => ({ parts: [{ kind: 'custom' as const, type, data }] });

  it('shows a string from renderPart as text and appends a Node inside the shadow root', async () => {
    const renderPart = vi.fn((part: { type: string; data: unknown }, _message: ChatMessage) => {
      if (part.type === 'text') return '<b>not html</b>';
      const el = document.createElement('strong');
      el.className = 'host-order';
      el.textContent = `Order ${(part.data as { id: string }).id}`;
      return el;
    });
    await openChat({ config: { renderPart } });
    m!.transport.incoming(BOT, '', custom('text', null));
    m!.transport.incoming(BOT, '', custom('order', { id: '42' }));
    await settle();
    const parts = m!.$$('.sc-custom');
    expect(parts[0]!.textContent).toBe('<b>not html</b>');
    expect(parts[0]!.querySelector('b')).toBeNull();
    expect(m!.$('.sc-custom .host-order')!.textContent).toBe('Order 42');
    expect(m!.root.contains(m!.$('.host-order'))).toBe(true);
    m!.transport.incoming(BOT, 'later');
    await settle();
    // Once per part, not per render.
    expect(renderPart).toHaveBeenCalledTimes(2);
    expect(renderPart.mock.calls[1]![1]).toMatchObject({ from: { id: BOT.id } });
  });

  it('falls back to "Unsupported content" and reports one error when renderPart throws or gives nothing', async () => {
    const renderPart = vi.fn((part: { type: string }) => {
      if (part.type === 'boom') throw new Error('host bug');
      return null;
    });
    await openChat({ config: { renderPart } });
    const errors: ChatError[] = [];
    m!.chat.on('error', (e) => errors.push(e));
    m!.transport.incoming(BOT, '', custom('boom', 1));
    m!.transport.incoming(BOT, '', custom('nothing', 2));
    await settle();
    m!.transport.incoming(BOT, 'another render');
    await settle();
    const fallback = m!.$$('.sc-custom--unsupported');
    expect(fallback.map((el) => el.textContent)).toEqual(['Unsupported content', 'Unsupported content']);
    expect(errors).toHaveLength(2);
    expect(errors[0]!.message).toContain('"boom"');
    expect((errors[0] as Error & { cause?: Error }).cause!.message).toBe('host bug');
  });

  it('without renderPart, custom parts show the neutral line and report nothing', async () => {
    await openChat();
    const errors: unknown[] = [];
    m!.chat.on('error', (e) => errors.push(e));
    m!.transport.incoming(BOT, '', custom('map', {}));
    await settle();
    expect(m!.$('.sc-custom--unsupported')!.textContent).toBe('Unsupported content');
    expect(errors).toEqual([]);
  });
});
