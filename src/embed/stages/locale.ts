/**
 * The script-tag build's strings: the English the launcher needs ships in the first stage, the rest
 * of English with the dialog's stage file; another built-in language's table is a stage file
 * (`support-chat.locale-<lang>.js`, one per language of src/i18n/locales.json), so each locale
 * added costs the first stage nothing. A language added with `registerLocale()` brings its table
 * or its loader. The launcher mounts once its language is there (one small request, cached
 * afterwards); if the table cannot be fetched, it mounts in English and the page gets an `error`.
 * @module
 */
import type { ChatError } from '../../core/errors';
import { enCore } from '../../i18n/locales/en-core';
import type { Messages } from '../../i18n/messages';
import { negotiateLocale } from '../../i18n/negotiate';
import { isBuiltInLocale, loaderOf, provideTable, type SupportedLocale, tableIfPresent } from '../../i18n/registry';
import { createTranslator, type I18n } from '../../i18n/translator';
import type { MountedWidget } from '../../ui/types';
import { asChatError, loadStage, stageIfLoaded } from './registry';

const english = enCore as Messages;

/** The table of `lang` if it is on the page (English always is). */
function tableIfLoaded(lang: SupportedLocale): Messages | undefined {
  if (lang === 'en') return english;
  const present = tableIfPresent(lang);
  if (present) return present;
  return isBuiltInLocale(lang) && lang !== 'en' ? stageIfLoaded(`locale-${lang}`)?.table : undefined;
}

/** Fetches the table of `lang`: its stage file (built-in) or the loader it was registered with. */
function loadTable(lang: SupportedLocale): Promise<Messages> | undefined {
  if (isBuiltInLocale(lang) && lang !== 'en') {
    return loadStage(`locale-${lang}`).then((mod) => {
      provideTable(lang, mod.table);
      return mod.table;
    });
  }
  return loaderOf(lang)?.();
}

/**
 * A translator for `locale` from the tables on the page (English for a language whose stage file
 * has not loaded): the script-tag build's `SupportChat.createI18n`.
 */
export function createLoadedI18n(locale: string, overrides: Partial<Messages> = {}): I18n {
  const lang = negotiateLocale(locale);
  const table = tableIfLoaded(lang);
  return table ? createTranslator(locale, lang, table, overrides) : createTranslator(locale, 'en', english, overrides);
}

/**
 * A translator for `lang`, at once when its table is on the page, else once its stage file (or
 * registered loader) has loaded (English if it cannot be). @internal
 */
export function translatorFor(
  lang: SupportedLocale,
  strings: Partial<Messages> | undefined,
  onError: (error: ChatError) => void,
): I18n | Promise<I18n> {
  const loaded = tableIfLoaded(lang);
  if (loaded) return createTranslator(lang, lang, loaded, strings);
  const pending = loadTable(lang);
  if (!pending) return createTranslator(lang, 'en', english, strings);
  return pending.then(
    (table) => createTranslator(lang, lang, table, strings),
    (error: unknown) => {
      onError(asChatError(error));
      return createTranslator(lang, 'en', english, strings);
    },
  );
}
/** Mounts with `mount` once `i18n` is ready; the handle works at once (destroy before, focus after). @internal */
export function mountWith(i18n: I18n | Promise<I18n>, mount: (i18n: I18n) => MountedWidget): MountedWidget {
  if (!(i18n instanceof Promise)) return mount(i18n);
  let widget: MountedWidget | null = null;
  let destroyed = false;
  let focus = false;
  void i18n.then((ready) => {
    if (destroyed) return;
    widget = mount(ready);
    if (focus) widget.focus();
  });
  return {
    destroy() {
      destroyed = true;
      widget?.destroy();
    },
    focus() {
      if (widget) widget.focus();
      else focus = true;
    },
  };
}
