/**
 * Parts of the `SupportChat` instance: `getState()`'s snapshot and `on`/`off` with the late
 * `ready` subscriber.
 * @module
 */
import type { Chat, ChatEventMap } from '../core/chat';
import { ChatError } from '../core/errors';
import type { ChatState } from '../core/state';
import type { Unsubscribe } from '../core/transport';
import type { SupportedLocale } from '../i18n/negotiate';
import type { ResolvedOptions } from './options';

/** What {@link SupportChat.getState} returns: a plain snapshot of the widget. */
export interface SupportChatSnapshot {
  /** The dialog is open (always true in inline mode). */
  isOpen: boolean;
  /** Our floating launcher is shown (false after `hide()`, with `launcher: false` or inline). */
  launcher: boolean;
  inline: boolean;
  /** Unread bot/operator messages. */
  unread: number;
  connection: ChatState['connection']['value'];
  /** The UI's language. */
  locale: SupportedLocale;
  colorScheme: 'light' | 'dark' | 'auto';
  /** The conversation shown, once the backend named one. */
  conversationId: string | null;
}

/** The plain snapshot `getState()` returns. @internal */
export function snapshotOf(chat: Chat, o: ResolvedOptions, locale: SupportedLocale): SupportChatSnapshot {
  const s = chat.state;
  return {
    isOpen: o.inline || s.isOpen.peek(),
    launcher: o.launcher,
    inline: o.inline,
    unread: s.unread.peek(),
    connection: s.connection.peek(),
    locale,
    colorScheme: o.colorScheme,
    conversationId: s.conversationId.peek() ?? null,
  };
}

type AnyListener = (payload: never) => void;

/** How many errors before the page's first `error` listener are kept for it. */
const EARLY_ERRORS = 10;

/**
 * `on`/`off` over the chat's events. A `ready` listener added after the chat connected is called
 * at once; the first `error` listener gets the errors that came before it (a stage file that
 * could not be fetched while the page's scripts were still running). @internal
 */
export function createListenerBook(chat: Chat, ready: () => ChatEventMap['ready'] | null) {
  const book = new Map<string, Map<AnyListener, Unsubscribe>>();
  let early: ChatError[] | null = [];
  const offEarly = chat.on('error', (error) => {
    if (early && early.length < EARLY_ERRORS) early.push(error);
  });
  const late = <K extends keyof ChatEventMap>(type: K): ChatEventMap[K][] => {
    if (type === 'ready') {
      const payload = ready();
      return payload ? [payload as ChatEventMap[K]] : [];
    }
    if (type !== 'error' || !early) return [];
    const past = early;
    early = null;
    offEarly();
    return past as ChatEventMap[K][];
  };
  const on = <K extends keyof ChatEventMap>(type: K, listener: (payload: ChatEventMap[K]) => void): Unsubscribe => {
    const off = chat.on(type, listener);
    const byType = book.get(type) ?? new Map<AnyListener, Unsubscribe>();
    book.set(type, byType);
    byType.set(listener as AnyListener, off);
    for (const payload of late(type)) {
      try {
        listener(payload);
      } catch (error) {
        if (type !== 'error') chat.reportError(new ChatError(`support-chat: a ${type} listener threw`, { cause: error }));
      }
    }
    return () => {
      off();
      byType.delete(listener as AnyListener);
    };
  };
  const off = <K extends keyof ChatEventMap>(type: K, listener: (payload: ChatEventMap[K]) => void): void => {
    book.get(type)?.get(listener as AnyListener)?.();
    book.get(type)?.delete(listener as AnyListener);
  };
  return { on, off };
}
