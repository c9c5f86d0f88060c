/**
 * The widget's UI over its engine: mounted once at creation and mounted again, over the same
 * engine, state and connection, when `update()`, `setLocale()`, `setTheme()`, `show()` or
 * `hide()` change how it looks. Options that shape the engine (transport, id, storage, user...)
 * cannot change after creation: `update()` refuses them by name.
 * @module
 */
import type { Chat } from '../core/chat';
import { OptionError } from '../core/errors';
import { negotiateLocale } from '../i18n/negotiate';
import { directionOf, type SupportedLocale } from '../i18n/registry';
import type { I18n } from '../i18n/translator';
import type { MountedWidget, UiConfig } from '../ui/types';
import type { Loaders, MountUi } from './mount-support-chat';
import { checkKnownKeys, OPTION_KEYS } from './option-checks';
import { resolveOptions, type ResolvedOptions, type SupportChatOptions } from './options';

/** The options `update()` may change after creation. */
export type SupportChatUpdate = Partial<
  Pick<
    SupportChatOptions,
    | 'title'
    | 'subtitle'
    | 'locale'
    | 'locales'
    | 'strings'
    | 'position'
    | 'offset'
    | 'primaryColor'
    | 'colorScheme'
    | 'zIndex'
    | 'launcher'
    | 'renderPart'
    | 'sensitiveGuard'
    | 'transcriptDownload'
  >
>;

/** The keys of {@link SupportChatUpdate}. @internal */
export const UPDATABLE: ReadonlySet<string> = new Set(
  'title subtitle locale locales strings position offset primaryColor colorScheme zIndex launcher renderPart sensitiveGuard transcriptDownload'.split(
    ' ',
  ),
);

/** The widget's language: the option, else the browser's. @internal */
export function localeOf(o: ResolvedOptions): SupportedLocale {
  return negotiateLocale(o.locale, o.locale ? undefined : globalThis.navigator?.languages, o.locales);
}

/** The UI configuration the options ask for. */
function uiConfig(o: ResolvedOptions, loaders: Loaders): (i18n: I18n) => UiConfig {
  return (i18n) => ({
    title: o.title ?? i18n.t('header.title'),
    ...(o.subtitle !== undefined ? { subtitle: o.subtitle } : {}),
    position: o.position,
    offset: o.offset,
    ...(o.primaryColor !== undefined ? { primaryColor: o.primaryColor } : {}),
    colorScheme: o.colorScheme,
    zIndex: o.zIndex,
    inline: o.inline,
    launcher: o.launcher,
    ...(o.nonce !== undefined ? { nonce: o.nonce } : {}),
    renderPart: o.renderPart,
    ...(o.sensitiveGuard && loaders.sensitive ? { loadSensitive: loaders.sensitive } : {}),
    ...(o.transcriptDownload && loaders.transcript ? { loadTranscript: loaders.transcript } : {}),
    i18n,
  });
}

/** What the UI of one widget is mounted from. @internal */
export interface WidgetUiInput {
  shadow: ShadowRoot;
  chat: Chat;
  doc: Document;
  mountUi: MountUi;
  loaders: Loaders;
  /** The options as given (a transport factory is not called again). */
  input: SupportChatOptions;
  resolved: ResolvedOptions;
}

/** The mounted UI of one widget. @internal */
export interface WidgetUi {
  readonly options: ResolvedOptions;
  readonly locale: SupportedLocale;
  /** Validates `patch` (an `OptionError` names a bad or unchangeable key) and mounts the UI again with it. */
  update(patch: SupportChatUpdate): void;
  focus(): void;
  destroy(): void;
}

/** Mounts the UI; see {@link WidgetUi}. @internal */
export function mountWidgetUi(w: WidgetUiInput): WidgetUi {
  let input: Record<string, unknown> = { ...w.input };
  let o = w.resolved;
  let locale = localeOf(o);
  const host = w.shadow.host as HTMLElement;
  const mount = (): MountedWidget => {
    host.setAttribute('lang', locale);
    host.setAttribute('dir', directionOf(locale));
    return w.mountUi(w.shadow, w.chat, { locale, strings: o.strings, config: uiConfig(o, w.loaders) });
  };
  let widget: MountedWidget | null = mount();
  return {
    get options() {
      return o;
    },
    get locale() {
      return locale;
    },
    update(patch) {
      if (!widget) return;
      if (typeof patch !== 'object' || patch === null) throw new OptionError('options', 'expected an object');
      for (const key of Object.keys(patch)) {
        if (OPTION_KEYS.has(key) && !UPDATABLE.has(key)) {
          throw new OptionError(key, 'cannot change after creation: destroy() the widget and create it again');
        }
      }
      checkKnownKeys(patch, UPDATABLE);
      const next = { ...input, ...patch };
      // The transport the widget already has (a factory is never called twice).
      o = resolveOptions({ ...next, transport: o.transport }, w.doc);
      input = next;
      locale = localeOf(o);
      widget.destroy();
      widget = mount();
    },
    focus: () => widget?.focus(),
    destroy() {
      widget?.destroy();
      widget = null;
    },
  };
}
