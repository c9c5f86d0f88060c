/**
 * "When people are back", written one way everywhere: the widget's status line and offline card
 * (in the browser's own time zone) and the server's notice (in the time zone the client sent).
 * "today at 15:00", "tomorrow at 09:00", "on Monday at 09:00"; in Russian "сегодня в 15:00",
 * "завтра в 09:00", "в понедельник в 09:00". No DOM: Intl only.
 * @module
 */

const RU_DAYS = ['в воскресенье', 'в понедельник', 'во вторник', 'в среду', 'в четверг', 'в пятницу', 'в субботу'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Options of {@link formatReturnTime}. */
export interface ReturnTimeOptions {
  /** IANA zone to write the time in; the runtime's own zone when omitted. */
  timeZone?: string;
  /** Add the zone's short name ("09:00 UTC"), when the reader's zone is not known. */
  zoneName?: boolean;
  /** The present, ms since epoch (for "today"/"tomorrow"). */
  now?: number;
}

function dayOf(t: number, timeZone: string | undefined): { day: number; weekday: number } {
  const parts: Record<string, string> = {};
  const f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short' });
  for (const p of f.formatToParts(new Date(t))) parts[p.type] = p.value;
  return {
    day: Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / 86_400_000,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Sun'),
  };
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone.length > 0 && timeZone.length <= 64;
  } catch {
    return false;
  }
}

/**
 * The moment operators are back, as a phrase that fits after "back" / "вернутся": "today at
 * 15:00", "on Monday at 09:00", "в среду в 09:00". "" for an invalid instant.
 * @param locale - BCP 47 tag; Russian for `ru…`, English otherwise (its clock follows the tag).
 */
export function formatReturnTime(iso: string, locale: string, opts: ReturnTimeOptions = {}): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  let tag = locale;
  try {
    new Intl.DateTimeFormat(tag);
  } catch {
    tag = 'en';
  }
  const ru = tag.toLowerCase().startsWith('ru');
  const { timeZone } = opts;
  // "09:00" on a 24-hour clock, "9:00 AM" on a 12-hour one.
  const twelve = /h1[12]/.test(new Intl.DateTimeFormat(tag, { hour: 'numeric' }).resolvedOptions().hourCycle ?? '');
  const time = new Intl.DateTimeFormat(tag, {
    timeZone,
    hour: twelve ? 'numeric' : '2-digit',
    minute: '2-digit',
    ...(opts.zoneName ? { timeZoneName: 'short' as const } : {}),
  }).format(t);
  const target = dayOf(t, timeZone);
  const diff = target.day - dayOf(opts.now ?? Date.now(), timeZone).day;
  if (diff <= 0) return ru ? `сегодня в ${time}` : `today at ${time}`;
  if (diff === 1) return ru ? `завтра в ${time}` : `tomorrow at ${time}`;
  if (diff < 7) {
    if (ru) return `${RU_DAYS[target.weekday]} в ${time}`;
    return `on ${new Intl.DateTimeFormat(tag, { timeZone, weekday: 'long' }).format(t)} at ${time}`;
  }
  const date = new Intl.DateTimeFormat(tag, { timeZone, day: 'numeric', month: 'long' }).format(t);
  return ru ? `${date} в ${time}` : `on ${date} at ${time}`;
}
