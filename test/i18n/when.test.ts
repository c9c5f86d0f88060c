import { describe, expect, it } from 'vitest';
import { formatReturnTime } from '../../src/protocol/when';

// Tuesday 1 December 2026, 12:00 UTC.
const now = Date.parse('2026-12-01T12:00:00Z');
const at = (iso: string, locale: string) => formatReturnTime(iso, locale, { now, timeZone: 'UTC' });

describe('when operators are back, in each built-in language', () => {
  it.each([
    ['uk', 'сьогодні о 15:00', 'завтра о 09:00', 'у пʼятницю о 09:00', '20 грудня о 09:00'],
    ['de', 'heute um 15:00', 'morgen um 09:00', 'am Freitag um 09:00', 'am 20. Dezember um 09:00'],
    ['kk', 'бүгін сағат 15:00', 'ертең сағат 09:00', 'жұма күні сағат 09:00', '20 желтоқсан сағат 09:00'],
    ['he', 'היום בשעה 15:00', 'מחר בשעה 09:00', 'ביום שישי בשעה 09:00', 'ב־20 בדצמבר בשעה 09:00'],
    ['en-GB', 'today at 15:00', 'tomorrow at 09:00', 'on Friday at 09:00', 'on 20 December at 09:00'],
  ])('%s', (locale, today, tomorrow, weekday, date) => {
    expect(at('2026-12-01T15:00:00Z', locale)).toBe(today);
    expect(at('2026-12-02T09:00:00Z', locale)).toBe(tomorrow);
    expect(at('2026-12-04T09:00:00Z', locale)).toBe(weekday);
    expect(at('2026-12-20T09:00:00Z', locale)).toBe(date);
  });

  it('Arabic: its words around the clock and day names of Intl', () => {
    const time = new Intl.DateTimeFormat('ar', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' }).format(
      Date.parse('2026-12-01T15:00:00Z'),
    );
    expect(at('2026-12-01T15:00:00Z', 'ar')).toBe(`اليوم الساعة ${time}`);
    expect(at('2026-12-04T09:00:00Z', 'ar')).toMatch(/^يوم الجمعة الساعة /);
    expect(at('2026-12-02T09:00:00Z', 'ar')).toMatch(/^غدًا الساعة /);
  });
});
