import { describe, expect, it } from 'vitest';
import { dateTimeFormat, numberFormat, pluralRules } from '../../src/i18n/intl-cache';
import { createI18n } from '../../src/i18n';

describe('Intl objects built on first use and shared', () => {
  it('gives one instance per locale and options', () => {
    expect(pluralRules('ru')).toBe(pluralRules('ru'));
    expect(pluralRules('ru')).not.toBe(pluralRules('en'));
    expect(dateTimeFormat('de', { hour: 'numeric', minute: '2-digit' })).toBe(dateTimeFormat('de', { hour: 'numeric', minute: '2-digit' }));
    expect(dateTimeFormat('de', { hour: 'numeric' })).not.toBe(dateTimeFormat('de', { hour: 'numeric', minute: '2-digit' }));
    expect(numberFormat('ru')).toBe(numberFormat('ru'));
    expect(numberFormat('ru', { maximumFractionDigits: 1 })).not.toBe(numberFormat('ru'));
  });

  it('formats as fresh Intl objects do', () => {
    const iso = '2026-03-04T14:05:00Z';
    const i18n = createI18n('ru-RU');
    expect(i18n.formatTime(iso)).toBe(new Intl.DateTimeFormat('ru-RU', { hour: 'numeric', minute: '2-digit' }).format(new Date(iso)));
    expect(i18n.formatWhen(iso, new Date('2026-03-09T10:00:00Z'))).toBe(
      new Intl.DateTimeFormat('ru-RU', { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(new Date(iso)),
    );
    expect(i18n.formatNumber(1.5)).toBe(new Intl.NumberFormat('ru-RU').format(1.5));
    // A second translator of the same locale shares the formatters and agrees.
    expect(createI18n('ru-RU').formatTime(iso)).toBe(i18n.formatTime(iso));
  });
});
