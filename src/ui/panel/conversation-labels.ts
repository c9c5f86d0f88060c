/**
 * Several conversations in the panel: names of channels and conversations, the unread total of
 * the other conversations, and whether the open one is read-only.
 * @module
 */
import type { Chat } from '../../core/chat';
import type { ConversationChannel, ConversationSummary } from '../../core/model';
import type { I18n, MessageKey } from '../../i18n';

const KNOWN = ['support', 'notifications', 'documents'];

/** The display name of a channel: its configured title, else a translated name for known ids. */
export function channelTitle(channel: Pick<ConversationChannel, 'id' | 'title'>, i18n: I18n): string {
  if (channel.title) return channel.title;
  return KNOWN.includes(channel.id) ? i18n.t(`convs.channel.${channel.id}` as MessageKey) : channel.id;
}

/** The display name of a conversation. */
export function conversationTitle(c: ConversationSummary, i18n: I18n): string {
  return channelTitle({ id: c.channel, ...(c.title ? { title: c.title } : {}) }, i18n);
}

/** The channels of the backend, or null without several conversations. */
export function channelsOf(chat: Chat): ConversationChannel[] | null {
  const c = chat.state.capabilities.value.conversations;
  return c ? c.channels : null;
}

/** Unread messages in the conversations not on screen. */
export function unreadElsewhere(chat: Chat): number {
  const active = chat.state.conversationId.value;
  return chat.state.conversations.value.reduce((n, c) => (c.id === active ? n : n + c.unread), 0);
}

/** The summary of the conversation on screen, if the list has it. */
export function activeSummary(chat: Chat): ConversationSummary | undefined {
  const active = chat.state.conversationId.value;
  return chat.state.conversations.value.find((c) => c.id === active);
}
