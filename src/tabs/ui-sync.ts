/**
 * Keeps what the user sees the same in every tab of one chat: the dialog's open/closed state,
 * and the unread count (a message seen in one tab is not unread in the others). It also lets
 * exactly one tab play the new-message sound. Tabs talk over a BroadcastChannel; changes made
 * on behalf of another tab are never echoed back.
 * @module
 */
import type { Chat } from '../core/chat';
import type { ChatMessage } from '../core/model';
import type { ChannelConstructor, ChannelLike } from './leader';

/** Options of {@link createUiSync}. */
export interface UiSyncOptions {
  /** BroadcastChannel name, per site, user and widget. */
  channelName: string;
  /** Whether this page is visible now (`document.visibilityState`). */
  isPageVisible: () => boolean;
  /** BroadcastChannel constructor; `null` turns syncing off. @default globalThis.BroadcastChannel */
  BroadcastChannel?: ChannelConstructor | null;
  /** Another tab said it is going away (`leaving()`): its unsent messages are for the taking. */
  onPeerLeaving?: () => void;
}

/** A running sync. */
export interface UiSync {
  /** True when another tab showed this message to the user. */
  seenElsewhere(messageId: string): boolean;
  /**
   * Claims the sound for this message: true when no tab has played it yet (the others are
   * told); false when another tab already did.
   */
  claimSound(messageId: string): boolean;
  /** Tells the other tabs this one is going away (call on `pagehide`); the sync stays usable. */
  leaving(): void;
  /** Tells the other tabs this one is going away; closes the channel and removes listeners. */
  destroy(): void;
}

type UiMessage =
  | { t: 'open' | 'close' }
  | { t: 'ask' }
  | { t: 'state'; open: boolean; unread: number; lastId?: string }
  | { t: 'seen'; id: string }
  | { t: 'sound'; id: string }
  | { t: 'bye' };

/** How many message ids are remembered for `seen`/`sound`. */
const REMEMBER = 200;
/** How long a "seen" for a message this tab has not received yet stays pending, ms. */
const PENDING_MS = 10_000;

function boundedSet(): { add(id: string): void; has(id: string): boolean } {
  const ids = new Set<string>();
  return {
    add(id) {
      ids.delete(id);
      ids.add(id);
      if (ids.size > REMEMBER) ids.delete(ids.values().next().value as string);
    },
    has: (id) => ids.has(id),
  };
}

const lastIncoming = (messages: readonly ChatMessage[]): ChatMessage | undefined =>
  [...messages].reverse().find((m) => m.from.role !== 'user');

/**
 * Starts syncing `chat` with the other tabs that use the same channel name.
 * @example
 * const sync = createUiSync(chat, { channelName: `${ns}:ui`, isPageVisible: () => !document.hidden });
 */
export function createUiSync(chat: Chat, options: UiSyncOptions): UiSync {
  const Channel = options.BroadcastChannel === undefined ? (globalThis as { BroadcastChannel?: ChannelConstructor }).BroadcastChannel : options.BroadcastChannel;
  const seen = boundedSet();
  const sounded = boundedSet();
  if (typeof Channel !== 'function') {
    return { seenElsewhere: () => false, claimSound: () => true, leaving: () => undefined, destroy: () => undefined };
  }
  const channel: ChannelLike = new Channel(options.channelName);
  let applying = false;
  let answered = false;
  let destroyed = false;
  let pending: { id: string; until: number } | undefined;
  let adopted = false;
  let adopt: { count: number; lastId: string; until: number } | undefined;

  const post = (message: UiMessage) => {
    if (destroyed) return;
    try {
      channel.postMessage(message);
    } catch {
      // Channel gone: nothing to sync.
    }
  };
  const seeing = () => chat.state.isOpen.peek() && options.isPageVisible();
  const remote = (fn: () => void) => {
    applying = true;
    try {
      fn();
    } finally {
      applying = false;
    }
  };
  const applySeen = (id: string) => {
    if (chat.destroyed) return;
    if (chat.markSeenElsewhere(id)) pending = undefined;
    else pending = { id, until: Date.now() + PENDING_MS };
  };

  /** Joins the other tabs' unread count: theirs up to `lastId`, plus what this tab has after it. */
  const tryAdopt = () => {
    if (!adopt || chat.destroyed) return;
    if (Date.now() > adopt.until) {
      adopt = undefined;
      return;
    }
    const list = chat.state.messages.peek();
    const at = list.findIndex((m) => m.id === adopt!.lastId);
    if (at === -1) return;
    const after = list.slice(at + 1).filter((m) => m.from.role !== 'user').length;
    const count = adopt.count + after;
    adopt = undefined;
    remote(() => chat.syncUnread(count));
  };

  const offs = [
    chat.on('open', () => {
      if (applying) return;
      answered = true;
      post({ t: 'open' });
    }),
    chat.on('close', () => {
      if (applying) return;
      answered = true;
      post({ t: 'close' });
    }),
    // Messages also arrive without `message` events (history): watch the list itself.
    chat.state.messages.subscribe(() => {
      if (adopt) tryAdopt();
      if (!pending) return;
      if (Date.now() > pending.until) pending = undefined;
      else if (!applying) {
        const id = pending.id;
        remote(() => applySeen(id));
      }
    }),
    chat.on('message', (m) => {
      if (m.from.role !== 'user' && seeing()) post({ t: 'seen', id: m.id });
    }),
    chat.on('unread', ({ count }) => {
      if (count !== 0 || applying || !seeing()) return;
      const last = lastIncoming(chat.state.messages.peek());
      if (last) post({ t: 'seen', id: last.id });
    }),
  ];

  channel.onmessage = (event: MessageEvent) => {
    const m = event.data as UiMessage | null;
    if (!m || typeof m !== 'object' || destroyed || chat.destroyed) return;
    switch (m.t) {
      case 'open':
      case 'close':
        answered = true;
        remote(() => (m.t === 'open' ? chat.open('api') : chat.close('api')));
        return;
      case 'ask': {
        const last = lastIncoming(chat.state.messages.peek());
        post({ t: 'state', open: chat.state.isOpen.peek(), unread: chat.state.unread.peek(), ...(last ? { lastId: last.id } : {}) });
        return;
      }
      case 'state':
        if (!adopted) {
          adopted = true;
          if (m.lastId !== undefined) {
            adopt = { count: m.unread, lastId: m.lastId, until: Date.now() + PENDING_MS };
            tryAdopt();
          }
        }
        if (answered) return;
        answered = true;
        // Join an open dialog; never close one the host asked to start open.
        if (m.open && !chat.state.isOpen.peek()) remote(() => chat.open('api'));
        return;
      case 'seen':
        seen.add(m.id);
        remote(() => applySeen(m.id));
        return;
      case 'sound':
        sounded.add(m.id);
        return;
      case 'bye':
        options.onPeerLeaving?.();
        return;
    }
  };
  // A tab that opens later shows the dialog as the others do.
  post({ t: 'ask' });

  return {
    seenElsewhere: (id) => seen.has(id),
    claimSound(id) {
      if (sounded.has(id)) return false;
      sounded.add(id);
      post({ t: 'sound', id });
      return true;
    },
    leaving: () => post({ t: 'bye' }),
    destroy() {
      if (destroyed) return;
      post({ t: 'bye' });
      destroyed = true;
      for (const off of offs) off();
      channel.onmessage = null;
      channel.close();
    },
  };
}
