/** Shared setup of the chat engine tests. */
import { createChat, type Chat, type ChatEventMap, type ChatOptions } from '../../src/core/chat';
import { createFakeTransport, flush, type FakeOptions, type FakeTransport } from './fake-transport';

/** A started chat over a fake transport. */
export async function startedChat(
  fake: FakeOptions = {},
  options: Partial<ChatOptions> = {},
): Promise<{ t: FakeTransport; chat: Chat }> {
  const t = createFakeTransport(fake);
  const chat = createChat({ transport: t, locale: 'en', ...options });
  await chat.start();
  await flush();
  return { t, chat };
}

/** Records every payload of `type`. */
export function record<K extends keyof ChatEventMap>(chat: Chat, type: K): ChatEventMap[K][] {
  const seen: ChatEventMap[K][] = [];
  chat.on(type, (payload) => seen.push(payload));
  return seen;
}

/** Text of every message in display order. */
export const texts = (chat: Chat): string[] =>
  chat.state.messages.value.map((m) => m.parts.map((p) => (p.kind === 'text' ? p.text : p.kind)).join(' '));
