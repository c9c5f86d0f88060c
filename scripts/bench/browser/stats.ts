/**
 * Pure parts of `npm run bench` (the browser benchmark): medians, long-task sums, compressed
 * byte totals and the printed table. Unit-tested in test/scripts/bench-stats.test.ts.
 * @module
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Median of the finite values (the mean of the middle two for an even count); null when none. */
export function median(values: ReadonlyArray<number | null | undefined>): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}

/** A long task as the page's PerformanceObserver saw it: [startTime, duration], ms. */
export type LongTask = readonly [number, number];

/** Long tasks that started in [from, to]: how many, the longest, and total blocking time (Σ duration − 50). */
export function blocking(
  tasks: readonly LongTask[],
  from = 0,
  to = Number.POSITIVE_INFINITY,
): { count: number; longest: number; tbt: number } {
  const inside = tasks.filter(([start]) => start >= from && start <= to);
  return {
    count: inside.length,
    longest: inside.reduce((m, [, d]) => Math.max(m, d), 0),
    tbt: inside.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0),
  };
}

/** Bytes of what a page fetched. */
export interface Bytes {
  raw: number;
  gzip: number;
  brotli: number;
}

const compressed = new Map<string, { gzip: number; brotli: number }>();

/** Raw, gzip (level 9) and brotli (quality 11) sizes of one body, as `npm run size` computes them (memoised by content). */
export function sizesOf(body: Uint8Array): Bytes {
  const key = createHash('sha1').update(body).digest('hex');
  let c = compressed.get(key);
  if (!c) {
    c = {
      gzip: body.length ? gzipSync(body, { level: 9 }).length : 0,
      brotli: body.length ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length : 0,
    };
    compressed.set(key, c);
  }
  return { raw: body.length, ...c };
}

/** The sum of each body compressed alone (what a server compressing each response sends). */
export function sumBytes(bodies: readonly Uint8Array[]): Bytes {
  return bodies
    .map(sizesOf)
    .reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), { raw: 0, gzip: 0, brotli: 0 });
}

/** A goal beside a figure: met, missed, or not measured. */
export type Verdict = 'meets' | 'misses' | '';

/** `figure <= limit` as a verdict ('' when the figure is missing). */
export function verdict(figure: number | null | undefined, limit: number): Verdict {
  if (figure === null || figure === undefined || !Number.isFinite(figure)) return '';
  return figure <= limit ? 'meets' : 'misses';
}

/** One printed row: what, a figure per CPU rate, and the goal with its verdicts. */
export interface Row {
  what: string;
  /** Formatted figure per column (e.g. "1×", "4×"). */
  cells: Record<string, string>;
  goal?: string;
}

/** Formats a number with `digits` decimals, or "–" when missing. */
export function fmt(value: number | null | undefined, digits = 0, unit = ''): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${value.toFixed(digits)}${unit}`;
}

/** KiB with one decimal, as `npm run size` prints. */
export const kb = (bytes: number | null | undefined): string => fmt(bytes === null || bytes === undefined ? bytes : bytes / 1024, 1, ' KB');

/** A plain-text table, columns padded; the first column left-aligned, the others right-aligned. */
export function formatTable(rows: readonly Row[], columns: readonly string[]): string {
  const header = ['what', ...columns, 'goal'];
  const body = rows.map((r) => [r.what, ...columns.map((c) => r.cells[c] ?? ''), r.goal ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** The same rows as a Markdown table (for the README). */
export function markdownTable(rows: readonly Row[], columns: readonly string[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| what | ${columns.join(' | ')} | goal |`,
    `|---|${columns.map(() => '---:').join('|')}|---|`,
    ...rows.map((r) => `| ${esc(r.what)} | ${columns.map((c) => esc(r.cells[c] ?? '')).join(' | ')} | ${esc(r.goal ?? '')} |`),
  ].join('\n');
}
