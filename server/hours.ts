/**
 * Operator working hours in a time zone: `always`, `never`, or ranges such as
 * `Mon-Fri 09:00-18:00, Sat 10:00-14:00`.
 * @module
 */

interface Range {
  days: Set<number>;
  /** Minutes from local midnight. */
  start: number;
  end: number;
}

/** Parsed schedule. */
export interface Schedule {
  kind: 'always' | 'never' | 'ranges';
  ranges: Range[];
  timeZone: string;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function parseDay(s: string): number {
  const i = DAYS.indexOf(s.slice(0, 3).toLowerCase());
  if (i < 0) throw new Error(`operator hours: unknown day "${s}"`);
  return i;
}

function parseTime(s: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s);
  if (!m) throw new Error(`operator hours: bad time "${s}"`);
  const v = Number(m[1]) * 60 + Number(m[2]);
  if (v > 24 * 60 || Number(m[2]) > 59) throw new Error(`operator hours: bad time "${s}"`);
  return v;
}

/** Parses a schedule; throws on bad syntax or an unknown time zone. */
export function parseSchedule(spec: string, timeZone: string): Schedule {
  new Intl.DateTimeFormat('en-US', { timeZone }); // throws RangeError on an unknown zone
  const t = spec.trim().toLowerCase();
  if (t === 'always' || t === '24/7') return { kind: 'always', ranges: [], timeZone };
  if (t === 'never' || t === '') return { kind: 'never', ranges: [], timeZone };
  const ranges = spec.split(',').map((chunk): Range => {
    const m = /^\s*([A-Za-z]{3,9})(?:\s*-\s*([A-Za-z]{3,9}))?\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(chunk);
    if (!m) throw new Error(`operator hours: cannot parse "${chunk.trim()}" (expected e.g. "Mon-Fri 09:00-18:00")`);
    const from = parseDay(m[1]!);
    const to = m[2] ? parseDay(m[2]) : from;
    const days = new Set<number>();
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
    const start = parseTime(m[3]!);
    const end = parseTime(m[4]!);
    if (end <= start) throw new Error(`operator hours: "${chunk.trim()}" ends before it starts`);
    return { days, start, end };
  });
  return { kind: 'ranges', ranges, timeZone };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Local wall-clock fields of an instant in a zone. */
function local(t: number, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; wd: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(t))) parts[p.type] = p.value;
  return {
    y: Number(parts.year),
    mo: Number(parts.month),
    d: Number(parts.day),
    h: Number(parts.hour) % 24,
    mi: Number(parts.minute),
    wd: parseDay(parts.weekday ?? 'sun'),
  };
}

/** Offset of the zone at instant t, ms (local = utc + offset). */
function offset(t: number, timeZone: string): number {
  const l = local(t, timeZone);
  const asUtc = Date.UTC(l.y, l.mo - 1, l.d, l.h, l.mi);
  return asUtc - Math.floor(t / 60_000) * 60_000;
}

/** True when operators work at instant t. */
export function isOpen(s: Schedule, t: number): boolean {
  if (s.kind !== 'ranges') return s.kind === 'always';
  const l = local(t, s.timeZone);
  const minute = l.h * 60 + l.mi;
  return s.ranges.some((r) => r.days.has(l.wd) && minute >= r.start && minute < r.end);
}

/** The next instant (ms) operators start work after t; undefined for `never` or when open now. */
export function nextOpenAt(s: Schedule, t: number): number | undefined {
  if (s.kind !== 'ranges' || isOpen(s, t)) return undefined;
  const l = local(t, s.timeZone);
  const midnight = Date.UTC(l.y, l.mo - 1, l.d); // local midnight, expressed as a naive UTC timestamp
  let best: number | undefined;
  for (let day = 0; day <= 7; day++) {
    const naiveDay = midnight + day * 86_400_000;
    const wd = new Date(naiveDay).getUTCDay();
    for (const r of s.ranges) {
      if (!r.days.has(wd)) continue;
      const naive = naiveDay + r.start * 60_000;
      let utc = naive - offset(naive, s.timeZone);
      utc = naive - offset(utc, s.timeZone); // second pass settles DST transitions
      if (utc > t && (best === undefined || utc < best)) best = utc;
    }
    if (best !== undefined) return best;
  }
  return best;
}
