/**
 * The few texts the server itself writes into conversations (the bot writes the rest).
 * @module
 */

type Locale = 'en' | 'ru';

function formatTime(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone,
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** Bot notice when a handoff is asked for outside operator hours. */
export function offlineNotice(locale: Locale, nextOpenAt: string | undefined, timeZone: string): string {
  if (locale === 'ru') {
    return nextOpenAt
      ? `Сейчас операторы не работают. Они вернутся: ${formatTime(nextOpenAt, locale, timeZone)}. Ваше сообщение сохранено, оператор ответит в начале смены.`
      : 'Сейчас операторы не работают. Ваше сообщение сохранено, оператор ответит, как только появится.';
  }
  return nextOpenAt
    ? `Our operators are offline right now. They are back ${formatTime(nextOpenAt, locale, timeZone)}. Your message is kept and an operator will answer when the shift starts.`
    : 'Our operators are offline right now. Your message is kept and an operator will answer as soon as one is available.';
}
