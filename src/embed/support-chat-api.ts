/**
 * The public shape of a mounted widget (what `createSupportChat()` returns).
 * @module
 */
import type { Chat, ChatEventMap } from '../core/chat';
import type { ChatMessage } from '../core/model';
import type { ChatState } from '../core/state';
import type { Unsubscribe } from '../core/transport';
import type { IdentifySignature, IdentifyUser } from './identify';
import type { SupportChatSnapshot } from './instance-parts';
import type { SupportChatUpdate } from './widget-ui';

/** A mounted support chat. */
export interface SupportChat {
  /** Opens the dialog. */
  open(): void;
  /** Closes the dialog (does nothing in inline mode). */
  close(): void;
  /** Opens or closes the dialog (does nothing in inline mode). */
  toggle(): void;
  /** Shows our floating launcher again after `hide()` (or `launcher: false`). */
  show(): void;
  /** Hides our floating launcher (open the dialog from your own button with `open()`/`toggle()`). */
  hide(): void;
  /**
   * Changes how the widget looks, keeping its state and connection: title, subtitle, locale,
   * strings, position, offset, primaryColor, colorScheme, zIndex, launcher, renderPart,
   * sensitiveGuard, transcriptDownload.
   * @throws OptionError naming a bad key, or one that cannot change after creation.
   */
  update(options: SupportChatUpdate): void;
  /** Switches the UI's language (BCP 47; `update({ locale })`). */
  setLocale(locale: string): void;
  /** Changes the brand colour and/or the colour scheme (`update(theme)`). */
  setTheme(theme: Pick<SupportChatUpdate, 'primaryColor' | 'colorScheme'>): void;
  /** A plain snapshot: open, launcher, unread, connection, locale... */
  getState(): SupportChatSnapshot;
  /** Sends a message as the user; returns it (status `sending` or `queued`), or null for empty text. */
  send(text: string): ChatMessage | null;
  /**
   * Subscribes to an event; returns the unsubscribe function. `ready` fires once, when the chat
   * first connects; a listener added later is called at once with the same payload.
   */
  on<K extends keyof ChatEventMap>(type: K, listener: (payload: ChatEventMap[K]) => void): Unsubscribe;
  /** Removes a listener added with `on`. */
  off<K extends keyof ChatEventMap>(type: K, listener: (payload: ChatEventMap[K]) => void): void;
  /**
   * Removes the widget, its listeners, timers and connection. Idempotent. The page-level parts
   * (its id, the multi-tab namespace and lock) are released before it returns, so a new widget
   * can be created at once (a framework's remount).
   */
  destroy(): Promise<void>;
  /**
   * For logout or a change of user on a shared device: revokes the session at the server (its token
   * is refused from then on; offline, the token is just forgotten), removes the widget like
   * `destroy()` and then deletes everything it saved for this user (history, outbox, session token).
   * Create a new widget for the next user.
   */
  logout(): Promise<void>;
  /**
   * Signs the visitor in as `user`, proven by the server's HMAC `signature` (README "Customer
   * sessions and identity lifetimes"). From a visitor or another user, it ends the current session
   * at the server, deletes the previous person's saved data and reconnects as `user` in this same
   * widget (`element` and `chat` are then new; your `on` listeners and `update()`s are kept). The
   * same user again only hands over the fresh signature, like `refreshIdentity`. Needs `transport`
   * given as a factory to switch users.
   * @throws OptionError (as a rejection) naming a malformed field, or a transport given as an instance.
   */
  identify(user: IdentifyUser, signature: IdentifySignature): Promise<void>;
  /** A fresh identity signature of the signed-in user, e.g. on the `identityExpiring` event (see {@link Chat.refreshIdentity}). */
  refreshIdentity(hash: string, expires: number): Promise<void>;
  /** Read-only state signals (messages, connection, unread, ...). */
  readonly state: ChatState;
  /** The engine, for advanced use (custom UIs, tests). */
  readonly chat: Chat;
  /** The host element added to the page. */
  readonly element: HTMLElement;
}
