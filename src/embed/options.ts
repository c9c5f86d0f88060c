/**
 * Public options of `createSupportChat`, and their validation. A bad option throws an
 * `OptionError` naming the option and the reason, before anything touches the page.
 * @module
 */
import { OptionError } from '../core/errors';
import { HISTORY_LIMIT } from '../core/stored-chat';
import type { ChatUser, Transport } from '../core/transport';
import type { Messages } from '../i18n';
import type { NegotiateOptions } from '../i18n/negotiate';
import type { CustomPartRenderer } from '../ui/types';
import { checkKnownKeys, isPlainObject, isTransport, negotiateOptions, optionalString, pixels, stringRecord } from './option-checks';

/** Which corner the launcher sits in. */
export type WidgetPosition = 'bottom-right' | 'bottom-left';

/** Options of {@link createSupportChat}. Only `transport` is required. */
export interface SupportChatOptions {
  /**
   * The backend adapter, or a function that makes one. Give a factory in frameworks (React,
   * Vue): each widget then gets a fresh transport, so a remount never reuses a disconnected one.
   * @example () => createWebSocketTransport({ url: 'wss://chat.example.com/swp/v1/ws' })
   */
  transport: Transport | (() => Transport);
  /**
   * Element the widget's host element is appended to. By default it lives under `<html>`, beside
   * the body, where replacing the body (Turbo-style navigation) or a transform, filter or
   * `contain` on it cannot reach it, and it re-attaches itself if a page removes it.
   * @default document.documentElement
   */
  target?: HTMLElement;
  /**
   * Inline mode: render the dialog inside this element (it fills it), with no launcher and no
   * floating; it is always open. Give the element a height.
   */
  inline?: HTMLElement;
  /** Show the floating launcher; `false` for your own button (call `open()`/`toggle()`). @default true */
  launcher?: boolean;
  /** Header title. @default the locale's "Support" */
  title?: string;
  /** Fixed header subtitle; when absent the header shows the live status line. */
  subtitle?: string;
  /** UI language (BCP 47); en, ru, uk, kk, de, ar and he ship. @default navigator.language */
  locale?: string;
  /**
   * Which languages the site offers and the close languages to use for others, e.g.
   * `{ offered: ['en', 'ru'], fallbacks: { uk: 'ru', be: 'ru' } }`. Without a fallback, a language
   * that is not offered gets English. @default every registered language, no fallbacks
   */
  locales?: NegotiateOptions;
  /** Overrides of individual UI strings. */
  strings?: Partial<Messages>;
  /** Launcher corner. @default 'bottom-right' */
  position?: WidgetPosition;
  /** Distance from the viewport edges, in CSS px. @default { x: 20, y: 20 } */
  offset?: { x?: number; y?: number };
  /** Brand colour as #rgb or #rrggbb; text on it gets a contrasting colour automatically. */
  primaryColor?: string;
  /** Light, dark, or follow the system. @default 'auto' */
  colorScheme?: 'light' | 'dark' | 'auto';
  /** z-index of the widget: the maximum by default, so it stays above the page's own modals. @default 2147483647 */
  zIndex?: number;
  /** Open the dialog at start. @default false */
  open?: boolean;
  /** The signed-in customer, if any (see docs/protocol.md "Identity"). */
  user?: ChatUser;
  /** Extra page context for operators; the page URL and title are added automatically. */
  metadata?: Record<string, string>;
  /** CSP nonce for the `<style>` fallback on engines without constructable stylesheets. */
  nonce?: string;
  /** Connect at once; when false, connect on first open. @default true */
  connect?: boolean;
  /**
   * Instance id: separates the saved history of several widgets on one site.
   * @default 'default'
   */
  id?: string;
  /**
   * Where history, outbox and session survive reloads: `auto` tries IndexedDB, then localStorage,
   * then memory; `memory` keeps nothing after the page closes.
   * @default 'auto'
   */
  storage?: 'auto' | 'localstorage' | 'memory';
  /**
   * Most messages of history kept in this browser per conversation (older ones are fetched from the
   * server when the customer scrolls up). Unsent messages are always kept besides. A stored history
   * longer than this (an older version, a higher limit before) is cut when it is loaded.
   * @default 1000
   */
  historyLimit?: number;
  /**
   * Share one connection between the tabs of this site: one tab (the leader) connects, every tab
   * shows the same messages, statuses, unread count and open/closed state, and another tab takes
   * over within seconds when the leader closes. `false` gives every tab its own connection.
   * @default true
   */
  multiTab?: boolean;
  /** Show the unread count in the page title, e.g. "(2) Page title". @default false */
  titleUnread?: boolean;
  /**
   * Play a short beep (WebAudio, no file) for a new bot/operator message while the dialog is closed
   * or the page hidden; once per message, not once per tab. Silent where the browser blocks audio.
   * @default false
   */
  sound?: boolean;
  /**
   * Draws `custom` message parts (`{ kind: 'custom', type, data }` from your backend). Return a
   * string (shown as text, never parsed as HTML) or a Node (appended inside the widget's shadow
   * root, so style it inline or with its own `<style>`). Called once per part. `null`,
   * `undefined` or a throw show "Unsupported content" and report an `error` event.
   * @default none: custom parts show "Unsupported content"
   * @example
   * renderPart: (part) => {
   *   if (part.type !== 'order') return null;
   *   const el = document.createElement('strong');
   *   el.textContent = `Order ${(part.data as { id: string }).id}`;
   *   return el;
   * }
   */
  renderPart?: CustomPartRenderer;
  /**
   * Before a message goes out, spot card numbers (Luhn-checked), CVCs, one-time codes and passwords
   * and offer to mask them (`•••• 1111`) or to edit the message; nothing is sent until the customer
   * chooses. Card data can only go out masked. Turn it off only when your own composer does this.
   * Runs over every transport; the reference server also masks card numbers itself (`cardMasking`).
   * @default true
   */
  sensitiveGuard?: boolean;
  /**
   * Offer the customer a download of the conversation (plain text or a self-contained web page,
   * in their language and time zone) once it is closed. Built in the page from the history the
   * widget holds; `false` hides it.
   * @default true
   */
  transcriptDownload?: boolean;
  /**
   * Script tag only: fetch the engine in idle time and connect, as for a returning visitor,
   * instead of waiting for a sign of intent or a click. Ignored by `createSupportChat`, which
   * has everything at once. @default false
   */
  preload?: boolean;
  /**
   * Script tag only: a proactive greeting drawn by stage 0, a small bubble by the launcher after
   * `delayMs` (default 0). Closed by its button or Escape (not shown again in this browser
   * session); a click on it opens the chat. Ignored by `createSupportChat`.
   */
  greeting?: { text: string; delayMs?: number };
}

/** Options after validation and defaults. @internal */
export interface ResolvedOptions {
  transport: Transport;
  /** The host's parent; null for the default place under `<html>` (kept attached). */
  target: HTMLElement | null;
  inline: boolean;
  launcher: boolean;
  title?: string;
  subtitle?: string;
  locale?: string;
  locales?: NegotiateOptions;
  strings?: Partial<Messages>;
  position: WidgetPosition;
  offset: { x: number; y: number };
  primaryColor?: string;
  colorScheme: 'light' | 'dark' | 'auto';
  zIndex: number;
  open: boolean;
  user: ChatUser;
  metadata: Record<string, string>;
  nonce?: string;
  connect: boolean;
  id: string;
  storage: 'auto' | 'localstorage' | 'memory';
  historyLimit: number;
  multiTab: boolean;
  titleUnread: boolean;
  sound: boolean;
  renderPart: CustomPartRenderer | undefined;
  sensitiveGuard: boolean;
  transcriptDownload: boolean;
}

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Validates options and applies defaults. Throws `OptionError`. @internal */
export function resolveOptions(input: unknown, doc: Document): ResolvedOptions {
  if (!isPlainObject(input)) throw new OptionError('options', 'expected an object');
  const o = input;
  checkKnownKeys(o);
  if (typeof o.transport !== 'function' && !isTransport(o.transport)) throw badTransport();
  const target = element(o.inline, 'inline') ?? element(o.target, 'target');
  if (!target && !doc.documentElement) throw new OptionError('target', 'the document has no root element');
  const position = o.position ?? 'bottom-right';
  if (position !== 'bottom-right' && position !== 'bottom-left') {
    throw new OptionError('position', `expected "bottom-right" or "bottom-left", got ${JSON.stringify(position)}`);
  }
  if (o.offset !== undefined && !isPlainObject(o.offset)) throw new OptionError('offset', 'expected { x, y }');
  const offset = (o.offset ?? {}) as Record<string, unknown>;
  const primaryColor = optionalString(o, 'primaryColor', 100);
  if (primaryColor !== undefined && !HEX_COLOUR.test(primaryColor)) {
    throw new OptionError('primaryColor', `expected #rgb or #rrggbb, got ${JSON.stringify(primaryColor)}`);
  }
  const colorScheme = o.colorScheme ?? 'auto';
  if (colorScheme !== 'light' && colorScheme !== 'dark' && colorScheme !== 'auto') {
    throw new OptionError('colorScheme', 'expected "light", "dark" or "auto"');
  }
  const zIndex = o.zIndex ?? 2147483647;
  if (typeof zIndex !== 'number' || !Number.isInteger(zIndex)) throw new OptionError('zIndex', 'expected an integer');
  if (o.open !== undefined && typeof o.open !== 'boolean') throw new OptionError('open', 'expected a boolean');
  if (o.connect !== undefined && typeof o.connect !== 'boolean') throw new OptionError('connect', 'expected a boolean');
  for (const key of ['launcher', 'multiTab', 'titleUnread', 'sound', 'sensitiveGuard', 'transcriptDownload'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'boolean') throw new OptionError(key, 'expected a boolean');
  }
  if (o.user !== undefined && !isPlainObject(o.user)) throw new OptionError('user', 'expected an object');
  if (o.strings !== undefined && !isPlainObject(o.strings)) throw new OptionError('strings', 'expected an object');
  const locale = optionalString(o, 'locale', 35);
  if (locale !== undefined && !/^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(locale)) {
    throw new OptionError('locale', `expected a BCP 47 tag such as "en" or "ru-RU", got ${JSON.stringify(locale)}`);
  }
  const locales = o.locales === undefined ? undefined : negotiateOptions(o.locales);
  const title = optionalString(o, 'title');
  const subtitle = optionalString(o, 'subtitle');
  const nonce = optionalString(o, 'nonce', 200);
  const id = optionalString(o, 'id', 64) ?? 'default';
  if (!/^[\w.-]+$/.test(id)) throw new OptionError('id', 'expected letters, digits, "_", "-" or "."');
  if (o.renderPart !== undefined && typeof o.renderPart !== 'function') {
    throw new OptionError('renderPart', 'expected a function');
  }
  checkStage0Options(o);
  const storage = o.storage ?? 'auto';
  if (storage !== 'auto' && storage !== 'localstorage' && storage !== 'memory') {
    throw new OptionError('storage', 'expected "auto", "localstorage" or "memory"');
  }
  const historyLimit = o.historyLimit ?? HISTORY_LIMIT;
  if (typeof historyLimit !== 'number' || !Number.isInteger(historyLimit) || historyLimit < 0 || historyLimit > 100_000) {
    throw new OptionError('historyLimit', 'expected a whole number of messages between 0 and 100000');
  }
  // The factory runs last, once every other option passed: a refused widget makes no transport.
  const transport = typeof o.transport === 'function' ? (o.transport as () => unknown)() : o.transport;
  if (!isTransport(transport)) throw badTransport();
  return {
    transport,
    target,
    inline: o.inline !== undefined,
    launcher: o.inline === undefined && (o.launcher as boolean | undefined) !== false,
    ...(title !== undefined ? { title } : {}),
    ...(subtitle !== undefined ? { subtitle } : {}),
    ...(locale !== undefined ? { locale } : {}),
    ...(locales !== undefined ? { locales } : {}),
    ...(o.strings !== undefined ? { strings: stringRecord(o.strings, 'strings') as Partial<Messages> } : {}),
    position,
    offset: { x: pixels(offset.x, 'offset.x', 20), y: pixels(offset.y, 'offset.y', 20) },
    ...(primaryColor !== undefined ? { primaryColor } : {}),
    colorScheme,
    zIndex,
    open: o.inline !== undefined || (o.open ?? false),
    user: (o.user ?? {}) as ChatUser,
    metadata: stringRecord(o.metadata, 'metadata'),
    ...(nonce !== undefined ? { nonce } : {}),
    connect: o.connect ?? true,
    id,
    storage,
    historyLimit,
    multiTab: (o.multiTab as boolean | undefined) ?? true,
    titleUnread: (o.titleUnread as boolean | undefined) ?? false,
    sound: (o.sound as boolean | undefined) ?? false,
    renderPart: o.renderPart as CustomPartRenderer | undefined,
    sensitiveGuard: (o.sensitiveGuard as boolean | undefined) ?? true,
    transcriptDownload: (o.transcriptDownload as boolean | undefined) ?? true,
  };
}

/** `preload` and `greeting` (stage 0 uses them; checked here so a mistake is named). */
function checkStage0Options(o: Record<string, unknown>): void {
  if (o.preload !== undefined && typeof o.preload !== 'boolean') throw new OptionError('preload', 'expected a boolean');
  if (o.greeting === undefined) return;
  const g = o.greeting;
  if (!isPlainObject(g) || typeof g.text !== 'string' || !g.text || g.text.length > 300) {
    throw new OptionError('greeting', 'expected { text, delayMs } with a text of 1 to 300 characters');
  }
  checkKnownKeys(g, GREETING_KEYS);
  if (g.delayMs !== undefined && (typeof g.delayMs !== 'number' || !(g.delayMs >= 0))) {
    throw new OptionError('greeting.delayMs', 'expected a number of milliseconds');
  }
}
const GREETING_KEYS: ReadonlySet<string> = new Set(['text', 'delayMs']);

/** The element an option names, or null when absent. */
function element(value: unknown, name: string): HTMLElement | null {
  if (value === undefined) return null;
  if (!value || typeof (value as Node).appendChild !== 'function' || (value as Node).nodeType !== 1) {
    throw new OptionError(name, 'expected an element');
  }
  return value as HTMLElement;
}

const badTransport = () =>
  new OptionError('transport', 'expected a Transport or a function returning one (e.g. () => createWebSocketTransport({ url }))');
