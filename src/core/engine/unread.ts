/**
 * Adding messages to the list, and the unread count that follows from them: what the user has
 * seen depends on the dialog being open on a visible page, or on another tab having shown it.
 * The bot greets when the conversation starts: for a person who has not engaged (never opened
 * the dialog, never wrote) a bot message is not unread, so the greeting never makes a badge or
 * a title count on its own.
 * @module
 */
import { upsertMessage } from '../message-list';
import type { ChatMessage } from '../model';
import type { Engine } from './context';

/** @internal */
export interface Unread {
  /** Adds or updates a message; a new one from the other side counts as unread unless seen. */
  addMessage(message: ChatMessage): void;
  /** Clears the count and sends a read receipt for the newest message, when online. */
  markSeen(): void;
  setOpen(open: boolean, source: 'api' | 'user'): void;
  setPageVisible(visible: boolean): void;
  markSeenElsewhere(messageId: string): boolean;
  syncUnread(count: number): void;
}

/** Deps of {@link createUnread}. @internal */
export interface UnreadDeps {
  /** A message from the other side arrived: its sender stopped typing. */
  clearTypingOf(id: string): void;
}

/** @internal */
export function createUnread(engine: Engine, deps: UnreadDeps): Unread {
  const { s, emitter, transport } = engine;
  const setUnread = (count: number) => {
    if (s.unread.peek() === count) return;
    s.unread.value = count;
    emitter.emit('unread', { count });
  };
  const seen = () => s.isOpen.peek() && engine.pageVisible;
  /** Opened or wrote; the scan runs only until the first message of theirs is found. */
  const engaged = () => (engine.engaged ||= s.messages.peek().some((m) => m.from.role === 'user'));
  const markSeen = () => {
    setUnread(0);
    // Several conversations: the one on screen is read here, whatever the last summary said.
    const active = s.conversationId.peek();
    if (s.conversations.peek().some((c) => c.id === active && c.unread > 0))
      s.conversations.value = s.conversations.peek().map((c) => (c.id === active ? { ...c, unread: 0 } : c));
    if (!transport.markRead || s.connection.peek() !== 'online') return;
    const list = s.messages.peek();
    for (let i = list.length - 1; i >= 0; i--) {
      const m = list[i]!;
      if (m.seq !== undefined && m.from.role !== 'user') {
        transport.markRead(m.seq).catch(() => undefined);
        return;
      }
    }
  };
  return {
    markSeen,
    addMessage(message) {
      const { list, added } = upsertMessage(s.messages.peek(), message);
      s.messages.value = list;
      if (!added) return;
      if (message.from.role === 'user') engine.engaged = true;
      else {
        deps.clearTypingOf(message.from.id);
        if (seen()) markSeen();
        else if (message.from.role !== 'system' && (message.from.role !== 'bot' || engaged())) setUnread(s.unread.peek() + 1);
      }
      emitter.emit('message', message);
    },
    setOpen(open, source) {
      engine.guard(open ? 'open()' : 'close()');
      if (open) engine.engaged = true;
      if (s.isOpen.peek() === open) return;
      s.isOpen.value = open;
      if (open && engine.pageVisible) markSeen();
      emitter.emit(open ? 'open' : 'close', { source });
    },
    setPageVisible(visible) {
      engine.pageVisible = visible;
      if (!engine.destroyed && seen()) markSeen();
    },
    markSeenElsewhere(messageId) {
      if (engine.destroyed) return false;
      // From the newest end back to that message: the cost is what came after it, not the list.
      const list = s.messages.peek();
      let after = 0;
      for (let i = list.length - 1; i >= 0; i--) {
        const m = list[i]!;
        if (m.id === messageId || m.clientId === messageId) {
          if (after < s.unread.peek()) setUnread(after);
          return true;
        }
        if (m.from.role !== 'user') after++;
      }
      return false;
    },
    syncUnread(count) {
      if (engine.destroyed || seen() || !Number.isInteger(count) || count < 0) return;
      setUnread(count);
    },
  };
}
