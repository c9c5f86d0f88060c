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

/** `on`/`off` over the chat's events; a `ready` listener added after the chat connected is called at once. @internal */
export function createListenerBook(chat: Chat, ready: () => ChatEventMap['ready'] | null) {
  const book = new Map<string, Map<AnyListener, Unsubscribe>>();
  const on = <K extends keyof ChatEventMap>(type: K, listener: (payload: ChatEventMap[K]) => void): Unsubscribe => {
    const off = chat.on(type, listener);
    const byType = book.get(type) ?? new Map<AnyListener, Unsubscribe>();
    book.set(type, byType);
    byType.set(listener as AnyListener, off);
    const payload = type === 'ready' ? ready() : null;
    if (payload) {
      try {
        (listener as (p: ChatEventMap['ready']) => void)(payload);
      } catch (error) {
        chat.reportError(new ChatError('support-chat: a ready listener threw', { cause: error }));
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
