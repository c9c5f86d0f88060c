/**
 * The transcript file format, written once for the widget (the customer's download) and the
 * reference server (the operator's export): plain text, and a self-contained HTML page (a
 * `<meta charset>`, a small inline stylesheet, a CSP that forbids scripts, no scripts). Every
 * untrusted string reaches the HTML only through {@link escapeHtml}, by way of the small element
 * serializer below: nothing is interpolated raw. Dates are written in the reader's locale and
 * time zone. Pure: no DOM, no Node.
 * @module
 */
import type { ChatMessage, Part } from '../core/model';

/** The words a transcript is written with, in the reader's language. */
export interface TranscriptLabels {
  /** Heading of the file, e.g. "Conversation transcript". */
  title: string;
  /** The customer: "You" in the customer's copy, "Customer" in the operator's. */
  you: string;
  /** The bot, when its message carries no name. */
  bot: string;
  /** An operator, when the message carries no name. */
  operator: string;
  /** System lines. */
  system: string;
  /** Before each file, e.g. "Attachment". */
  attachment: string;
  /** Before the time the file was made, e.g. "Saved". */
  saved: string;
}

/** What a transcript is made of. */
export interface TranscriptInput {
  /** The conversation, oldest first; failed (never delivered) messages are left out. */
  messages: readonly ChatMessage[];
  labels: TranscriptLabels;
  /** BCP 47 tag of the reader's language; an unknown one falls back to English. */
  locale: string;
  /** IANA time zone of the reader, e.g. "Europe/Moscow"; an unknown one falls back to UTC. @default the runtime's */
  timeZone?: string;
  /** When the file is made. @default now */
  savedAt?: Date;
  /** Writing direction of the reader's language. @default 'ltr' */
  dir?: 'ltr' | 'rtl';
  /** Lines after the conversation, e.g. the rating in an operator's export. */
  footer?: readonly string[];
}

/** One file named in a transcript entry. */
export interface TranscriptFile {
  name: string;
  size: number;
  /** Only http(s) links are kept. */
  url?: string;
}

/** One message of a transcript, ready to write. */
export interface TranscriptEntry {
  role: ChatMessage['from']['role'];
  /** "You", the bot's or the operator's name. */
  who: string;
  /** ISO time of the message. */
  iso: string;
  /** The time in the reader's locale and time zone. */
  time: string;
  /** Text blocks (message text, card texts). */
  texts: string[];
  files: TranscriptFile[];
}

const HTTP_URL = /^https?:\/\/[^\s<>"']+$/i;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Text as written into a file: CRLF, CR and the Unicode line and paragraph separators become LF
 * (so no line hides from the indentation that marks message text), control characters other
 * than tab and LF go.
 */
function clean(text: string): string {
  return text.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(CONTROL, '');
}

/** Formats dates in `locale` and `timeZone`, falling back to English and UTC when either is unknown. */
export function transcriptDateFormat(locale: string, timeZone?: string): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  for (const [l, tz] of [
    [locale, timeZone],
    ['en', timeZone],
    [locale, 'UTC'],
    ['en', 'UTC'],
  ] as const) {
    try {
      return new Intl.DateTimeFormat(l, tz ? { ...options, timeZone: tz } : options);
    } catch {
      // try the next fallback
    }
  }
  return new Intl.DateTimeFormat('en', { ...options, timeZone: 'UTC' });
}

function sizeOf(bytes: number, locale: string): string {
  const [unit, value] =
    bytes < 1024 ? ['byte', bytes] : bytes < 1024 * 1024 ? ['kilobyte', bytes / 1024] : ['megabyte', bytes / 1024 / 1024];
  const options: Intl.NumberFormatOptions = {
    style: 'unit',
    unit,
    unitDisplay: unit === 'byte' ? 'long' : 'short',
    maximumFractionDigits: value < 10 ? 1 : 0,
  };
  try {
    return new Intl.NumberFormat(locale, options).format(value);
  } catch {
    return new Intl.NumberFormat('en', options).format(value);
  }
}

function whoOf(m: ChatMessage, labels: TranscriptLabels): string {
  const name = m.from.name?.trim();
  if (m.from.role === 'user') return labels.you;
  if (m.from.role === 'bot') return name || labels.bot;
  if (m.from.role === 'agent') return name || labels.operator;
  return labels.system;
}

function addPart(entry: TranscriptEntry, part: Part): void {
  if (part.kind === 'text') {
    if (part.text.trim()) entry.texts.push(clean(part.text));
  } else if (part.kind === 'card') {
    const text = [part.title, part.subtitle, part.text].filter((t): t is string => !!t?.trim()).map(clean);
    if (text.length) entry.texts.push(text.join('\n'));
  } else if (part.kind === 'attachment') {
    const a = part.attachment;
    const url = a.url && HTTP_URL.test(a.url) ? a.url : undefined;
    entry.files.push({ name: clean(a.name), size: a.size, ...(url ? { url } : {}) });
  }
  // Custom parts are the host's own drawings: there is no text to write for them.
}

/** The messages of a transcript, with who said them and when, in the reader's words. */
export function transcriptEntries(input: TranscriptInput): TranscriptEntry[] {
  const format = transcriptDateFormat(input.locale, input.timeZone);
  const out: TranscriptEntry[] = [];
  for (const m of input.messages) {
    if (m.status === 'failed') continue;
    const at = new Date(m.createdAt);
    const valid = !Number.isNaN(at.getTime());
    const entry: TranscriptEntry = {
      role: m.from.role,
      who: clean(whoOf(m, input.labels)),
      iso: valid ? at.toISOString() : '',
      time: valid ? format.format(at) : '',
      texts: [],
      files: [],
    };
    for (const part of m.parts) addPart(entry, part);
    if (entry.texts.length || entry.files.length) out.push(entry);
  }
  return out;
}

/** "Saved: 1 Dec 2026, 14:05 (Europe/Moscow)": when, in the reader's zone, named. */
function savedLine(input: TranscriptInput): string {
  const format = transcriptDateFormat(input.locale, input.timeZone);
  return `${clean(input.labels.saved)}: ${format.format(input.savedAt ?? new Date())} (${format.resolvedOptions().timeZone})`;
}

/** The transcript as plain text (UTF-8, LF line ends, ending with a newline). */
export function transcriptText(input: TranscriptInput): string {
  const { labels } = input;
  const lines = [clean(labels.title), savedLine(input), ''];
  for (const e of transcriptEntries(input)) {
    lines.push(`[${e.time}] ${e.who}:`);
    for (const t of e.texts) for (const line of t.split('\n')) lines.push(`  ${line}`);
    for (const f of e.files)
      lines.push(`  ${clean(labels.attachment)}: ${f.name} (${sizeOf(f.size, input.locale)})${f.url ? ` ${f.url}` : ''}`);
    lines.push('');
  }
  for (const line of input.footer ?? []) lines.push(clean(line));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Markup the serializer built (never text from outside). */
class Markup {
  constructor(readonly html: string) {}
}

type Child = string | Markup | null | undefined | false;

/**
 * One element: `tag` and attribute names come from this module only; attribute values and text
 * children are escaped. The only way markup is made.
 */
function el(tag: string, attrs: Record<string, string | undefined>, ...children: Child[]): Markup {
  let open = tag;
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) open += ` ${name}="${escapeHtml(value)}"`;
  const inner = children.map((c) => (c instanceof Markup ? c.html : c ? escapeHtml(c) : '')).join('');
  return new Markup(`<${open}>${inner}</${tag}>`);
}

/** Where a self-contained file's own rules forbid scripts, frames, forms and remote fetches. */
const FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; form-action 'none'";

const FILE_CSS =
  'body{margin:0 auto;max-width:44rem;padding:1rem;font:15px/1.5 system-ui,sans-serif;color:#1b1f24}' +
  'ol{list-style:none;padding:0}li.m{border:1px solid #dde1e6;border-radius:.5rem;padding:.5rem .75rem;margin:0 0 .5rem}' +
  'li.m-user{background:#eef3ff}.h{margin:0}.who{font-weight:600;margin-inline-end:.5rem}time,.meta,footer{color:#5b6470}' +
  '.t,footer{white-space:pre-wrap;overflow-wrap:anywhere}.files{margin:.25rem 0 0}';

function entryHtml(e: TranscriptEntry, input: TranscriptInput): Markup {
  const files = e.files.map((f) =>
    el(
      'li',
      {},
      `${input.labels.attachment}: `,
      f.url ? el('a', { href: f.url, rel: 'noopener noreferrer', target: '_blank' }, el('bdi', {}, f.name)) : el('bdi', {}, f.name),
      ` (${sizeOf(f.size, input.locale)})`,
    ),
  );
  return el(
    'li',
    { class: `m m-${e.role}` },
    el('p', { class: 'h' }, el('bdi', { class: 'who' }, e.who), e.iso ? el('time', { datetime: e.iso }, e.time) : null),
    ...e.texts.map((t) => el('div', { class: 't', dir: 'auto' }, t)),
    files.length ? el('ul', { class: 'files' }, ...files) : null,
  );
}

/** The transcript as one self-contained HTML page. */
export function transcriptHtml(input: TranscriptInput): string {
  const { labels } = input;
  const lang = input.locale || 'en';
  const footer = input.footer?.length ? el('footer', { dir: 'auto' }, input.footer.map(clean).join('\n')) : null;
  const page = el(
    'html',
    { lang, dir: input.dir ?? 'ltr' },
    el(
      'head',
      {},
      new Markup('<meta charset="utf-8">'),
      new Markup(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(FILE_CSP)}">`),
      new Markup('<meta name="viewport" content="width=device-width, initial-scale=1">'),
      el('title', {}, clean(labels.title)),
      el('style', {}, new Markup(FILE_CSS)),
    ),
    el(
      'body',
      {},
      el(
        'main',
        {},
        el('h1', {}, clean(labels.title)),
        el('p', { class: 'meta' }, savedLine(input)),
        el('ol', {}, ...transcriptEntries(input).map((e) => entryHtml(e, input))),
        footer,
      ),
    ),
  );
  return `<!doctype html>\n${page.html}\n`;
}

/** A file name for a transcript saved at `savedAt`: `chat-transcript-2026-12-01-1405.txt`. */
export function transcriptFileName(savedAt: Date, format: 'txt' | 'html'): string {
  const iso = savedAt.toISOString();
  return `chat-transcript-${iso.slice(0, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}.${format}`;
}
