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

type BoundedSet = ReturnType<typeof boundedSet>;

/** One running sync: the chat, the channel and what this tab knows of the others. */
interface SyncContext {
  readonly chat: Chat;
  readonly options: UiSyncOptions;
  readonly channel: ChannelLike;
  /** Messages another tab showed to the user. */
  readonly seen: BoundedSet;
  /** Messages a tab already played the sound for. */
  readonly sounded: BoundedSet;
  /** True while applying another tab's change (never echoed back). */
  applying: boolean;
  /** True once this tab's open state was set (by the user, the host or another tab). */
  answered: boolean;
  destroyed: boolean;
  /** A "seen" for a message this tab has not received yet. */
  pending: { id: string; until: number } | undefined;
  /** True once another tab's state was taken (only the first answer counts). */
  adopted: boolean;
  /** Another tab's unread count, waiting for its `lastId` to arrive here. */
  adopt: { count: number; lastId: string; until: number } | undefined;
}

function post(ctx: SyncContext, message: UiMessage): void {
  if (ctx.destroyed) return;
  try {
    ctx.channel.postMessage(message);
  } catch {
    // Channel gone: nothing to sync.
  }
}

const seeing = (ctx: SyncContext) => ctx.chat.state.isOpen.peek() && ctx.options.isPageVisible();

/** Runs another tab's change, so this tab's listeners do not echo it back. */
function remote(ctx: SyncContext, fn: () => void): void {
  ctx.applying = true;
  try {
    fn();
  } finally {
    ctx.applying = false;
  }
}

function applySeen(ctx: SyncContext, id: string): void {
  if (ctx.chat.destroyed) return;
  if (ctx.chat.markSeenElsewhere(id)) ctx.pending = undefined;
  else ctx.pending = { id, until: Date.now() + PENDING_MS };
}

/** Joins the other tabs' unread count: theirs up to `lastId`, plus what this tab has after it. */
function tryAdopt(ctx: SyncContext): void {
  const { adopt, chat } = ctx;
  if (!adopt || chat.destroyed) return;
  if (Date.now() > adopt.until) {
    ctx.adopt = undefined;
    return;
  }
  const list = chat.state.messages.peek();
  const at = list.findIndex((m) => m.id === adopt.lastId);
  if (at === -1) return;
  const after = list.slice(at + 1).filter((m) => m.from.role !== 'user').length;
  const count = adopt.count + after;
  ctx.adopt = undefined;
  remote(ctx, () => chat.syncUnread(count));
}

/** Tells the other tabs what this one does (open, close, messages seen); returns the unsubscribers. */
function watchChat(ctx: SyncContext): Array<() => void> {
  const { chat } = ctx;
  return [
    chat.on('open', () => {
      if (ctx.applying) return;
      ctx.answered = true;
      post(ctx, { t: 'open' });
    }),
    chat.on('close', () => {
      if (ctx.applying) return;
      ctx.answered = true;
      post(ctx, { t: 'close' });
    }),
    // Messages also arrive without `message` events (history): watch the list itself.
    chat.state.messages.subscribe(() => {
      if (ctx.adopt) tryAdopt(ctx);
      if (!ctx.pending) return;
      if (Date.now() > ctx.pending.until) ctx.pending = undefined;
      else if (!ctx.applying) {
        const id = ctx.pending.id;
        remote(ctx, () => applySeen(ctx, id));
      }
    }),
    chat.on('message', (m) => {
      if (m.from.role !== 'user' && seeing(ctx)) post(ctx, { t: 'seen', id: m.id });
    }),
    chat.on('unread', ({ count }) => {
      if (count !== 0 || ctx.applying || !seeing(ctx)) return;
      const last = lastIncoming(chat.state.messages.peek());
      if (last) post(ctx, { t: 'seen', id: last.id });
    }),
  ];
}

/** Another tab's answer to `ask`: its unread count (the first answer), and its open dialog. */
function joinState(ctx: SyncContext, m: Extract<UiMessage, { t: 'state' }>): void {
  if (!ctx.adopted) {
    ctx.adopted = true;
    if (m.lastId !== undefined) {
      ctx.adopt = { count: m.unread, lastId: m.lastId, until: Date.now() + PENDING_MS };
      tryAdopt(ctx);
    }
  }
  if (ctx.answered) return;
  ctx.answered = true;
  // Join an open dialog; never close one the host asked to start open.
  if (m.open && !ctx.chat.state.isOpen.peek()) remote(ctx, () => ctx.chat.open('api'));
}

/** Applies what another tab said. */
function onPeerMessage(ctx: SyncContext, m: UiMessage): void {
  const { chat } = ctx;
  switch (m.t) {
    case 'open':
    case 'close':
      ctx.answered = true;
      remote(ctx, () => (m.t === 'open' ? chat.open('api') : chat.close('api')));
      return;
    case 'ask': {
      const last = lastIncoming(chat.state.messages.peek());
      post(ctx, { t: 'state', open: chat.state.isOpen.peek(), unread: chat.state.unread.peek(), ...(last ? { lastId: last.id } : {}) });
      return;
    }
    case 'state':
      joinState(ctx, m);
      return;
    case 'seen':
      ctx.seen.add(m.id);
      remote(ctx, () => applySeen(ctx, m.id));
      return;
    case 'sound':
      ctx.sounded.add(m.id);
      return;
    case 'bye':
      ctx.options.onPeerLeaving?.();
      return;
  }
}

/**
 * Starts syncing `chat` with the other tabs that use the same channel name.
 * @example
 * const sync = createUiSync(chat, { channelName: `${ns}:ui`, isPageVisible: () => !document.hidden });
 */
export function createUiSync(chat: Chat, options: UiSyncOptions): UiSync {
  const Channel =
    options.BroadcastChannel === undefined
      ? (globalThis as { BroadcastChannel?: ChannelConstructor }).BroadcastChannel
      : options.BroadcastChannel;
  const seen = boundedSet();
  const sounded = boundedSet();
  if (typeof Channel !== 'function') {
    return { seenElsewhere: () => false, claimSound: () => true, leaving: () => undefined, destroy: () => undefined };
  }
  const channel: ChannelLike = new Channel(options.channelName);
  const ctx: SyncContext = {
    chat,
    options,
    channel,
    seen,
    sounded,
    applying: false,
    answered: false,
    destroyed: false,
    pending: undefined,
    adopted: false,
    adopt: undefined,
  };
  const offs = watchChat(ctx);

  channel.onmessage = (event: MessageEvent) => {
    const m = event.data as UiMessage | null;
    if (!m || typeof m !== 'object' || ctx.destroyed || chat.destroyed) return;
    onPeerMessage(ctx, m);
  };
  // A tab that opens later shows the dialog as the others do.
  post(ctx, { t: 'ask' });

  return {
    seenElsewhere: (id) => seen.has(id),
    claimSound(id) {
      if (sounded.has(id)) return false;
      sounded.add(id);
      post(ctx, { t: 'sound', id });
      return true;
    },
    leaving: () => post(ctx, { t: 'bye' }),
    destroy() {
      if (ctx.destroyed) return;
      post(ctx, { t: 'bye' });
      ctx.destroyed = true;
      for (const off of offs) off();
      channel.onmessage = null;
      channel.close();
    },
  };
}
