import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/core/model';
import { createI18n } from '../../src/i18n';
import { checkFiles, isAccepted } from '../../src/ui/panel/file-checks';
import { statusLine } from '../../src/ui/panel/status-line';
import { buildTranscript, quickReplyIndex } from '../../src/ui/panel/transcript';
import { contrastRatio, contrastText, focusColor, parseHex } from '../../src/ui/shared/contrast';
import { formatBytes, initial, truncateMiddle } from '../../src/ui/shared/format';
import { linkify } from '../../src/ui/shared/linkify';
import { safeUrl, LINK_SCHEMES, IMAGE_SCHEMES } from '../../src/ui/shared/safe-url';

const en = createI18n('en');

describe('linkify', () => {
  it('links http(s), mailto and tel, and keeps the text intact', () => {
    const text = 'Go to https://a.example/x?y=1, mail mailto:x@a.example or call tel:+123456789.';
    const tokens = linkify(text);
    expect(tokens.map((t) => t.text).join('')).toBe(text);
    expect(tokens.filter((t) => t.kind === 'link').map((t) => (t.kind === 'link' ? t.href : ''))).toEqual([
      'https://a.example/x?y=1',
      'mailto:x@a.example',
      'tel:+123456789',
    ]);
  });

  it('never links javascript:, data: or vbscript:', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<script>', 'vbscript:x', 'JaVaScRiPt:alert(1)']) {
      expect(linkify(text).every((t) => t.kind === 'text')).toBe(true);
    }
  });

  it('keeps a closing parenthesis that belongs to the URL', () => {
    const [, link] = linkify('see https://en.wikipedia.org/wiki/Foo_(bar) now');
    expect(link).toEqual({
      kind: 'link',
      text: 'https://en.wikipedia.org/wiki/Foo_(bar)',
      href: 'https://en.wikipedia.org/wiki/Foo_(bar)',
    });
    const tokens = linkify('(see https://a.example/x)');
    expect(tokens[1]).toMatchObject({ kind: 'link', text: 'https://a.example/x' });
  });
});

describe('safeUrl', () => {
  it('allows only listed schemes', () => {
    expect(safeUrl('https://a.example/p', IMAGE_SCHEMES)).toBe('https://a.example/p');
    expect(safeUrl('mailto:a@b.c', IMAGE_SCHEMES)).toBeNull();
    expect(safeUrl('mailto:a@b.c', LINK_SCHEMES)).toBe('mailto:a@b.c');
    expect(safeUrl(' javascript:alert(1)', LINK_SCHEMES)).toBeNull();
    expect(safeUrl('/relative', LINK_SCHEMES)).toBeNull();
    expect(safeUrl(undefined, LINK_SCHEMES)).toBeNull();
  });
});

describe('format', () => {
  it('truncates long file names in the middle, keeping the extension', () => {
    const short = 'report.pdf';
    expect(truncateMiddle(short)).toBe(short);
    const long = truncateMiddle('quarterly-statement-for-account-0001234-final.pdf', 24);
    expect(Array.from(long)).toHaveLength(24);
    expect(long.endsWith('.pdf')).toBe(true);
    expect(long).toContain('…');
    expect(long.startsWith('quarterly')).toBe(true);
  });

  it('formats sizes in the widget language', () => {
    expect(formatBytes(512, en)).toBe('512 B');
    expect(formatBytes(1536, en)).toBe('1.5 KB');
    expect(formatBytes(12 * 1024 * 1024, en)).toBe('12 MB');
    expect(formatBytes(1536, createI18n('ru'))).toBe('1,5 КБ');
  });

  it('takes the first letter of a name', () => {
    expect(initial('anna')).toBe('A');
    expect(initial('  ')).toBe('');
    expect(initial(undefined)).toBe('');
  });
});

describe('contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio(parseHex('#000')!, parseHex('#fff')!)).toBeCloseTo(21, 0);
    expect(parseHex('red')).toBeNull();
  });

  it('picks a text colour with at least 4.5:1 where one exists', () => {
    for (const primary of ['#2457e6', '#ffcc00', '#00ff00', '#6b21a8', '#0ea5e9', '#f97316']) {
      const text = contrastText(primary);
      expect(contrastRatio(parseHex(primary)!, parseHex(text)!)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('uses the primary as focus ring only when it has 3:1 on white', () => {
    expect(focusColor('#2457e6')).toBe('#2457e6');
    expect(focusColor('#ffeeaa')).toBe('#1f2937');
  });
});

describe('file checks', () => {
  const limits = { maxBytes: 1000, maxFiles: 2, accept: ['image/*', '.pdf'] };
  it('matches accept rules by MIME wildcard, exact type and extension', () => {
    expect(isAccepted({ name: 'a.PNG', size: 1, type: 'image/png' }, limits.accept)).toBe(true);
    expect(isAccepted({ name: 'a.PDF', size: 1, type: '' }, limits.accept)).toBe(true);
    expect(isAccepted({ name: 'a.exe', size: 1, type: 'application/octet-stream' }, limits.accept)).toBe(false);
    expect(isAccepted({ name: 'a.exe', size: 1, type: 'x' }, [])).toBe(true);
  });

  it('refuses files over size and count with a readable error', () => {
    const files = [
      { name: 'a.png', size: 10, type: 'image/png' },
      { name: 'big.png', size: 5000, type: 'image/png' },
      { name: 'b.png', size: 10, type: 'image/png' },
      { name: 'c.png', size: 10, type: 'image/png' },
    ];
    const result = checkFiles(files, 0, limits, en);
    expect(result.accepted.map((f) => f.name)).toEqual(['a.png', 'b.png']);
    expect(result.error).toBe('big.png is too large. The limit is 1,000 B.');
    expect(checkFiles(files.slice(0, 1), 2, limits, en).error).toBe('You can attach up to 2 files at a time.');
  });
});

const msg = (id: string, role: ChatMessage['from']['role'], extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  from: { id: role, role },
  parts: [{ kind: 'text', text: id }],
  createdAt: '2024-01-01T10:00:00Z',
  status: 'sent',
  ...extra,
});

describe('transcript', () => {
  const qr = [{ id: 'q', label: 'Q', kind: 'reply' as const, value: 'q' }];
  it('offers quick replies only from the newest bot message after the last user message', () => {
    expect(quickReplyIndex([msg('a', 'bot', { quickReplies: qr })])).toBe(0);
    expect(quickReplyIndex([msg('a', 'bot', { quickReplies: qr }), msg('b', 'user')])).toBe(-1);
    expect(quickReplyIndex([msg('a', 'bot', { quickReplies: qr }), msg('b', 'bot')])).toBe(0);
    expect(quickReplyIndex([msg('a', 'bot', { quickReplies: qr }), msg('u', 'user'), msg('c', 'bot', { quickReplies: qr })])).toBe(2);
    expect(quickReplyIndex([msg('a', 'bot', { quickReplies: qr }), msg('s', 'system'), msg('o', 'agent')])).toBe(-1);
    expect(quickReplyIndex([msg('a', 'bot', { quickReplies: qr }), msg('s', 'system')])).toBe(0);
  });

  it('groups consecutive messages of one sender and places notes after their anchor', () => {
    const rows = buildTranscript(
      [msg('a', 'bot'), msg('b', 'bot'), msg('c', 'user'), msg('d', 'bot', { createdAt: '2024-01-01T11:00:00Z' })],
      [{ key: 'n1', kind: 'joined', name: 'Anna', after: { id: 'c' } }],
    );
    expect(rows.map((r) => (r.kind === 'message' ? `${r.message.id}${r.first ? 'F' : ''}${r.last ? 'L' : ''}` : r.key))).toEqual([
      'aF',
      'bL',
      'cFL',
      'n1',
      'dFL',
    ]);
  });
});

describe('status line', () => {
  const base = { connection: 'online' as const, typing: null, operator: null, availability: null };
  it('prefers connection trouble, then typing, then the operator', () => {
    expect(statusLine({ ...base, connection: 'reconnecting' }, en).text).toBe('Reconnecting…');
    expect(statusLine({ ...base, connection: 'offline' }, en).text).toBe('Waiting for network…');
    expect(statusLine({ ...base, typing: { id: 'x', role: 'agent', name: 'Anna' } }, en).text).toBe('Anna is typing…');
    expect(statusLine({ ...base, operator: { id: 'x', role: 'agent', name: 'Anna' } }, en).text).toBe('You are chatting with Anna');
    expect(statusLine({ ...base, subtitle: 'We reply fast' }, en).text).toBe('We reply fast');
    expect(statusLine(base, en)).toEqual({ text: 'Online', tone: 'online' });
  });

  it('says when operators are back, and the usual reply time', () => {
    const now = new Date();
    now.setHours(23, 59, 0, 0);
    const line = statusLine({ ...base, availability: { operatorsOnline: false, nextOpenAt: now.toISOString() } }, en);
    // The one phrase the offline card and the server's notice use too (src/protocol/when.ts).
    const time = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(now);
    expect(line.text).toBe(`Back today at ${time}`);
    expect(statusLine({ ...base, availability: { operatorsOnline: true, replyTimeSeconds: 180 } }, en).text).toBe(
      'Usually replies in 3 minutes',
    );
  });
});
