/**
 * Several conversations: the list of the person's conversations (summaries with unread counts),
 * the one the engine talks to, and switching. The engine keeps ONE conversation's messages; a
 * switch resets the per-conversation state and fetches the other one's history quietly. Unsent
 * messages never change conversation: a switch waits until there are none.
 * @module
 */
import { batch } from '@preact/signals-core';
import { ChatError, TransportError } from '../errors';
import type { ConversationSummary } from '../model';
import type { ConversationTarget, TransportEvent } from '../transport';
import type { Engine } from './context';

/** @internal */
export interface Conversations {
  /** Applies a `conversations`, `conversation.summary` or `conversation.switched` event. */
  onEvent(event: Extract<TransportEvent, { type: 'conversations' | 'conversation.summary' | 'conversation.switched' }>): void;
  /** True once after a switch: the next resync is the other conversation's history, not news. */
  takeQuietResync(): boolean;
  open(conversationId: string): Promise<void>;
  start(channel?: string): Promise<void>;
  refresh(): Promise<void>;
}

/** Deps of {@link createConversations}. @internal */
export interface ConversationsDeps {
  clearTyping(): void;
  /** Shows the transport's last status again (held while switching). */
  showStatus(): void;
  /** Writes the session now: a reload must come back to the conversation switched to. */
  saveNow(): Promise<void>;
}

const newestFirst = (a: ConversationSummary, b: ConversationSummary) =>
  a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;
const isUnsent = (status: string) => status === 'queued' || status === 'sending' || status === 'failed';

/** @internal */
export function createConversations(engine: Engine, deps: ConversationsDeps): Conversations {
  const { s, transport } = engine;
  let quiet = false;

  const switched = (conversationId: string) => {
    quiet = true;
    engine.historyCursor = undefined;
    batch(() => {
      // Unsent messages stay (they are sent where they were typed: a switch waits for none, so
      // these were typed for this conversation before it was known).
      const before = s.messages.peek();
      // What the other conversation already sent leaves with it, also from storage: a save from before
      // its ack would otherwise read as another tab's unsent message and be sent again.
      for (const m of before) if (m.clientId !== undefined && !isUnsent(m.status)) engine.forgotten.add(m.clientId);
      s.messages.value = before.filter((m) => isUnsent(m.status) && (m.conversationId ?? conversationId) === conversationId);
      s.handoff.value = { state: 'none' };
      s.queue.value = null;
      s.operator.value = null;
      s.conversation.value = 'open';
      s.rated.value = null;
      s.hasMoreHistory.value = false;
      s.conversationId.value = conversationId;
      if (s.unread.peek() !== 0) {
        s.unread.value = 0;
        engine.emitter.emit('unread', { count: 0 });
      }
    });
    deps.clearTyping();
  };

  const switchTo = async (what: string, target: ConversationTarget) => {
    engine.guard(what);
    if (!transport.openConversation || !s.capabilities.peek().conversations)
      throw new TransportError(transport.name, 'unsupported', 'this backend has one conversation only', { retryable: false });
    if (s.messages.peek().some((m) => m.from.role === 'user' && isUnsent(m.status)))
      throw new ChatError('support-chat: send or remove the unsent messages before switching conversations');
    engine.switching = true;
    try {
      await transport.openConversation(target);
      void deps.saveNow();
    } catch (error) {
      engine.reportError(error);
      throw error;
    } finally {
      engine.switching = false;
      deps.showStatus();
    }
  };

  return {
    onEvent(event) {
      switch (event.type) {
        case 'conversations':
          batch(() => {
            s.conversations.value = [...event.conversations].sort(newestFirst);
            if (event.activeId !== undefined) s.conversationId.value = event.activeId;
          });
          return;
        case 'conversation.summary': {
          const rest = s.conversations.peek().filter((c) => c.id !== event.conversation.id);
          s.conversations.value = [event.conversation, ...rest].sort(newestFirst);
          return;
        }
        case 'conversation.switched':
          switched(event.conversationId);
          return;
      }
    },
    takeQuietResync() {
      const was = quiet;
      quiet = false;
      return was;
    },
    open(conversationId) {
      if (conversationId === s.conversationId.peek()) return Promise.resolve();
      return switchTo('openConversation()', { conversationId });
    },
    start(channel = 'support') {
      return switchTo('newConversation()', { channel });
    },
    async refresh() {
      engine.guard('refreshConversations()');
      if (!transport.listConversations) return;
      try {
        s.conversations.value = [...(await transport.listConversations())].sort(newestFirst);
      } catch (error) {
        engine.reportError(error);
      }
    },
  };
}
