/**
 * "When people are back", written one way everywhere: the widget's status line and offline card
 * (in the browser's own time zone) and the server's notice (in the time zone the client sent).
 * "today at 15:00", "tomorrow at 09:00", "on Monday at 09:00"; in Russian "сегодня в 15:00",
 * "завтра в 09:00", "в понедельник в 09:00"; likewise in each built-in language. No DOM: Intl only.
 * @module
 */

const RU_DAYS = ['в воскресенье', 'в понедельник', 'во вторник', 'в среду', 'в четверг', 'в пятницу', 'в субботу'];
const UK_DAYS = ['у неділю', 'у понеділок', 'у вівторок', 'у середу', 'у четвер', 'у пʼятницю', 'у суботу'];

/** How a language says it: `{t}` the time, `{d}` the weekday (or its own `days`), `{date}` day and month. */
interface Phrases {
  today: string;
  tomorrow: string;
  weekday: string;
  date: string;
  days?: readonly string[];
}
const PHRASES: Record<string, Phrases> = {
  en: { today: 'today at {t}', tomorrow: 'tomorrow at {t}', weekday: 'on {d} at {t}', date: 'on {date} at {t}' },
  ru: { today: 'сегодня в {t}', tomorrow: 'завтра в {t}', weekday: '{d} в {t}', date: '{date} в {t}', days: RU_DAYS },
  uk: { today: 'сьогодні о {t}', tomorrow: 'завтра о {t}', weekday: '{d} о {t}', date: '{date} о {t}', days: UK_DAYS },
  kk: { today: 'бүгін сағат {t}', tomorrow: 'ертең сағат {t}', weekday: '{d} күні сағат {t}', date: '{date} сағат {t}' },
  de: { today: 'heute um {t}', tomorrow: 'morgen um {t}', weekday: 'am {d} um {t}', date: 'am {date} um {t}' },
  ar: { today: 'اليوم الساعة {t}', tomorrow: 'غدًا الساعة {t}', weekday: 'يوم {d} الساعة {t}', date: '{date} الساعة {t}' },
  he: { today: 'היום בשעה {t}', tomorrow: 'מחר בשעה {t}', weekday: 'ב{d} בשעה {t}', date: 'ב־{date} בשעה {t}' },
};
const fill = (pattern: string, values: Record<string, string>) => pattern.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
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
 * @param locale - BCP 47 tag: its language's phrases (en, ru, uk, kk, de, ar, he; English for others),
 *   its clock and names of days and months.
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
  const words = PHRASES[tag.toLowerCase().split(/[-_]/)[0] ?? ''] ?? PHRASES['en']!;
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
  if (diff <= 0) return fill(words.today, { t: time });
  if (diff === 1) return fill(words.tomorrow, { t: time });
  if (diff < 7) {
    const d = words.days?.[target.weekday] ?? new Intl.DateTimeFormat(tag, { timeZone, weekday: 'long' }).format(t);
    return fill(words.weekday, { d, t: time });
  }
  const date = new Intl.DateTimeFormat(tag, { timeZone, day: 'numeric', month: 'long' }).format(t);
  return fill(words.date, { date, t: time });
}
