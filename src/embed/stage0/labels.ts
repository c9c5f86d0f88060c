/**
 * Stage 0's strings: the launcher's accessible name, its unread badge, the loading and failure
 * notes, and the greeting's close button, in the seven built-in languages (the same words as the
 * locale tables: test/embed/stage0-labels.test.ts compares them). A language added with
 * `registerLocale()` gets English here until the engine takes over the launcher.
 * @module
 */

/** One language's labels. */
export interface Labels {
  open: string;
  /** Unread count, by plural category (`{count}` is replaced). */
  unread: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
  loading: string;
  failed: string;
  dismiss: string;
}

const en: Labels = {
  open: 'Open chat',
  unread: { one: '{count} unread message', other: '{count} unread messages' },
  loading: 'Opening the chat…',
  failed: "Couldn't open the chat. Check your connection and try again.",
  dismiss: 'Dismiss',
};

/** Labels by language; `dir` is `rtl` for Arabic and Hebrew. */
export const LABELS: Record<string, Labels> = {
  en,
  ru: {
    open: 'Открыть чат',
    unread: {
      one: '{count} непрочитанное сообщение',
      few: '{count} непрочитанных сообщения',
      many: '{count} непрочитанных сообщений',
      other: '{count} непрочитанного сообщения',
    },
    loading: 'Открываем чат…',
    failed: 'Не удалось открыть чат. Проверьте подключение и попробуйте ещё раз.',
    dismiss: 'Скрыть',
  },
  uk: {
    open: 'Відкрити чат',
    unread: {
      one: '{count} непрочитане повідомлення',
      few: '{count} непрочитані повідомлення',
      many: '{count} непрочитаних повідомлень',
      other: '{count} непрочитаного повідомлення',
    },
    loading: 'Відкриваємо чат…',
    failed: 'Не вдалося відкрити чат. Перевірте з’єднання та спробуйте ще раз.',
    dismiss: 'Сховати',
  },
  kk: {
    open: 'Чатты ашу',
    unread: { one: '{count} оқылмаған хабарлама', other: '{count} оқылмаған хабарлама' },
    loading: 'Чат ашылып жатыр…',
    failed: 'Чатты ашу мүмкін болмады. Байланысты тексеріп, қайталап көріңіз.',
    dismiss: 'Жасыру',
  },
  de: {
    open: 'Chat öffnen',
    unread: { one: '{count} ungelesene Nachricht', other: '{count} ungelesene Nachrichten' },
    loading: 'Chat wird geöffnet…',
    failed: 'Der Chat konnte nicht geöffnet werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    dismiss: 'Ausblenden',
  },
  ar: {
    open: 'افتح المحادثة',
    unread: {
      zero: 'لا توجد رسائل غير مقروءة',
      one: 'رسالة واحدة غير مقروءة',
      two: 'رسالتان غير مقروءتين',
      few: '{count} رسائل غير مقروءة',
      many: '{count} رسالة غير مقروءة',
      other: '{count} رسالة غير مقروءة',
    },
    loading: 'جارٍ فتح المحادثة…',
    failed: 'تعذّر فتح المحادثة. تحقّق من اتصالك وحاول مرة أخرى.',
    dismiss: 'إخفاء',
  },
  he: {
    open: 'פתיחת הצ׳אט',
    unread: { one: 'הודעה אחת שלא נקראה', two: 'שתי הודעות שלא נקראו', other: '{count} הודעות שלא נקראו' },
    loading: 'הצ׳אט נפתח…',
    failed: 'לא ניתן לפתוח את הצ׳אט. כדאי לבדוק את החיבור ולנסות שוב.',
    dismiss: 'הסתרה',
  },
};

/** The language stage 0 speaks: the option (or the browser's languages), its fallbacks, else English. */
export function pickLanguage(requested: unknown, browser: readonly string[], locales: unknown): string {
  const o = (typeof locales === 'object' && locales ? locales : {}) as { offered?: unknown; fallbacks?: Record<string, unknown> };
  const offered = Array.isArray(o.offered) ? o.offered.map((c) => String(c).toLowerCase()) : null;
  const match = (tag: unknown) => {
    const code = String(tag).toLowerCase().replace(/_/g, '-').split('-')[0]!;
    return LABELS[code] && (!offered || offered.includes(code)) ? code : undefined;
  };
  for (const tag of typeof requested === 'string' && requested ? [requested, ...browser] : browser) {
    const full = String(tag).toLowerCase().replace(/_/g, '-');
    const close = o.fallbacks?.[full] ?? o.fallbacks?.[full.split('-')[0]!];
    const code = match(tag) ?? (close ? match(close) : undefined);
    if (code) return code;
  }
  return 'en';
}

/** The labels of `lang` with the page's `strings` overrides of the same keys. */
export function labelsFor(lang: string, strings: unknown): Labels {
  const own = LABELS[lang] ?? en;
  const s = (typeof strings === 'object' && strings ? strings : {}) as Record<string, unknown>;
  const text = (key: string, fallback: string) => (typeof s[key] === 'string' ? (s[key] as string) : fallback);
  const unread = s['launcher.unread'];
  return {
    open: text('launcher.open', own.open),
    unread: typeof unread === 'object' && unread && 'other' in unread ? (unread as Labels['unread']) : own.unread,
    loading: text('launcher.loading', own.loading),
    failed: text('launcher.loadFailed', own.failed),
    dismiss: own.dismiss,
  };
}

/** "3 unread messages" in `lang`. */
export function unreadText(labels: Labels, lang: string, count: number): string {
  const rule = new Intl.PluralRules(lang).select(count);
  return (labels.unread[rule] ?? labels.unread.other).replace('{count}', String(count));
}
