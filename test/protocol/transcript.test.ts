import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/core/model';
import {
  escapeHtml,
  type TranscriptInput,
  transcriptEntries,
  transcriptFileName,
  transcriptHtml,
  transcriptText,
} from '../../src/protocol/transcript';

const LABELS = {
  title: 'Conversation transcript',
  you: 'You',
  bot: 'Assistant',
  operator: 'Operator',
  system: 'Notice',
  attachment: 'Attachment',
  saved: 'Saved',
};

const at = (iso: string, from: ChatMessage['from'], parts: ChatMessage['parts'], extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `m-${iso}`,
  from,
  parts,
  createdAt: iso,
  status: 'sent',
  ...extra,
});

const messages: ChatMessage[] = [
  at('2026-03-05T09:00:00Z', { id: 'bot', role: 'bot', name: 'Helper' }, [{ kind: 'text', text: 'Hi! How can I help?' }]),
  at('2026-03-05T09:01:00Z', { id: 'u', role: 'user' }, [
    { kind: 'text', text: '<script>alert("x")</script> & "quotes" \'single\'' },
    {
      kind: 'attachment',
      attachment: { id: 'f1', name: 'receipt <1>.pdf', mimeType: 'application/pdf', size: 2048, url: 'https://chat.example/f/1' },
    },
    { kind: 'attachment', attachment: { id: 'f2', name: 'evil.png', mimeType: 'image/png', size: 10, url: 'javascript:alert(1)' } },
  ]),
  at('2026-03-05T09:02:00Z', { id: 'op', role: 'agent', name: 'Olga' }, [{ kind: 'text', text: 'שלום, مرحبا — line one\r\nline two' }]),
  at('2026-03-05T09:03:00Z', { id: 'op2', role: 'agent' }, [{ kind: 'card', title: 'Card blocked', text: 'Ends in 1111' }]),
  at('2026-03-05T09:04:00Z', { id: 'u', role: 'user' }, [{ kind: 'text', text: 'never delivered' }], { status: 'failed' }),
  at('2026-03-05T09:05:00Z', { id: 'x', role: 'bot' }, [{ kind: 'custom', type: 'order', data: {} }]),
];

const input = (over: Partial<TranscriptInput> = {}): TranscriptInput => ({
  messages,
  labels: LABELS,
  locale: 'en-GB',
  timeZone: 'Europe/Moscow',
  savedAt: new Date('2026-03-05T10:00:00Z'),
  ...over,
});

describe('transcript entries', () => {
  it('names who said what, skips failed and empty messages, keeps only http(s) links', () => {
    const entries = transcriptEntries(input());
    expect(entries.map((e) => e.who)).toEqual(['Helper', 'You', 'Olga', 'Operator']);
    expect(entries[1]!.files).toEqual([
      { name: 'receipt <1>.pdf', size: 2048, url: 'https://chat.example/f/1' },
      { name: 'evil.png', size: 10 },
    ]);
    expect(entries[2]!.texts).toEqual(['שלום, مرحبا — line one\nline two']);
    expect(entries[3]!.texts).toEqual(['Card blocked\nEnds in 1111']);
  });

  it('writes dates in the reader locale and time zone', () => {
    expect(transcriptEntries(input())[0]!.time).toBe('5 Mar 2026, 12:00');
    expect(transcriptEntries(input({ locale: 'en-US', timeZone: 'America/New_York' }))[0]!.time).toBe('Mar 5, 2026, 4:00 AM');
    expect(transcriptEntries(input({ locale: 'ru-RU' }))[0]!.time).toBe('5 мар. 2026 г., 12:00');
    // An unknown zone falls back to UTC rather than throwing.
    expect(transcriptEntries(input({ timeZone: 'Mars/Olympus' }))[0]!.time).toBe('5 Mar 2026, 09:00');
  });
});

describe('plain text', () => {
  it('lists the conversation line by line', () => {
    expect(transcriptText(input())).toBe(
      [
        'Conversation transcript',
        'Saved: 5 Mar 2026, 13:00 (Europe/Moscow)',
        '',
        '[5 Mar 2026, 12:00] Helper:',
        '  Hi! How can I help?',
        '',
        '[5 Mar 2026, 12:01] You:',
        '  <script>alert("x")</script> & "quotes" \'single\'',
        '  Attachment: receipt <1>.pdf (2 kB) https://chat.example/f/1',
        '  Attachment: evil.png (10 bytes)',
        '',
        '[5 Mar 2026, 12:02] Olga:',
        '  שלום, مرحبا — line one',
        '  line two',
        '',
        '[5 Mar 2026, 12:03] Operator:',
        '  Card blocked',
        '  Ends in 1111',
        '',
      ].join('\n'),
    );
  });

  it('cannot be made to fake a speaker line: every line of a message is indented', () => {
    const fake = [
      at('2026-03-05T09:00:00Z', { id: 'u', role: 'user' }, [
        { kind: 'text', text: 'hi\r[5 Mar 2026, 12:00] Olga:\u2028  send me your PIN\u0007' },
      ]),
    ];
    expect(
      transcriptText(input({ messages: fake }))
        .split('\n')
        .slice(3, 7),
    ).toEqual(['[5 Mar 2026, 12:00] You:', '  hi', '  [5 Mar 2026, 12:00] Olga:', '    send me your PIN']);
  });

  it('ends with the footer lines', () => {
    expect(transcriptText(input({ footer: ['Rating: 4 out of 5 — quick'] }))).toMatch(/Ends in 1111\n\nRating: 4 out of 5 — quick\n$/);
  });
});

describe('HTML', () => {
  const html = transcriptHtml(input());

  it('is a self-contained page: charset, inline style, a CSP without scripts, no script element', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en-GB" dir="ltr"><head><meta charset="utf-8">')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;/,
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/\son\w+=/i);
  });

  it('escapes every untrusted string', () => {
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#34;quotes&#34; &#39;single&#39;');
    expect(html).toContain(
      '<a href="https://chat.example/f/1" rel="noopener noreferrer" target="_blank"><bdi>receipt &#60;1&#62;.pdf</bdi></a>',
    );
    expect(html).toContain('<bdi>evil.png</bdi> (10 bytes)');
    const evil = transcriptHtml(input({ labels: { ...LABELS, title: '</title><script>x()</script>' } }));
    expect(evil).not.toContain('<script>');
    expect(evil).toContain('<title>&#60;/title&#62;&#60;script&#62;x()&#60;/script&#62;</title>');
  });

  it('isolates each message text for mixed directions and marks times', () => {
    expect(html).toContain('<div class="t" dir="auto">שלום, مرحبا — line one\nline two</div>');
    expect(html).toContain('<time datetime="2026-03-05T09:00:00.000Z">5 Mar 2026, 12:00</time>');
    expect(html).toContain('<bdi class="who">Olga</bdi>');
    expect(transcriptHtml(input({ dir: 'rtl', locale: 'he' }))).toContain('<html lang="he" dir="rtl">');
  });

  it('names the operator from the message, the customer as "You", the bot by its name', () => {
    const who = [...html.matchAll(/<bdi class="who">([^<]*)<\/bdi>/g)].map((x) => x[1]);
    expect(who).toEqual(['Helper', 'You', 'Olga', 'Operator']);
  });
});

describe('helpers', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });

  it('names files by the time they were saved', () => {
    expect(transcriptFileName(new Date('2026-03-05T10:07:00Z'), 'html')).toBe('chat-transcript-2026-03-05-1007.html');
  });
});
