// @vitest-environment happy-dom
/**
 * The live-region watcher over a long list: it looks only at the tail of the list, so a new
 * message on a 10,000-message list costs a few reads (counted through a Proxy), never a rescan;
 * history put in front of the list is not news.
 */
import { describe, expect, it } from 'vitest';
import type { Chat } from '../../src/core/chat';
import type { ChatMessage } from '../../src/core/model';
import { createState } from '../../src/core/state';
import { BASIC_CAPABILITIES } from '../../src/core/transport';
import { createI18n } from '../../src/i18n';
import { createAnnouncer } from '../../src/ui/shared/announcer';
import { watchChat } from '../../src/ui/shared/watch-chat';

const at = new Date().toISOString();
const bot = (n: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `m${n}`,
  seq: n,
  createdAt: at,
  status: 'sent',
  from: { id: 'bot', role: 'bot', name: 'Helper' },
  parts: [{ kind: 'text', text: `message ${n}` }],
  ...extra,
});

/** `list` behind a Proxy that counts reads of its elements. */
function counted(list: ChatMessage[]): { list: readonly ChatMessage[]; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(list, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { list: proxy, reads: () => reads };
}

function setup(initial: ChatMessage[]) {
  const state = createState(BASIC_CAPABILITIES, true);
  state.messages.value = initial;
  const region = document.createElement('div');
  const i18n = createI18n('en');
  const announcer = createAnnouncer(region, i18n, 0);
  // watchChat reads only the state signals of the chat.
  const stop = watchChat({ state } as unknown as Chat, i18n, announcer);
  return { state, region, stop };
}

const many = (n: number, from = 1) => Array.from({ length: n }, (_, i) => bot(from + i));

describe('watchChat on a long list', () => {
  it('a new message on 10,000 costs a few reads, and is announced', async () => {
    const history = many(10_000);
    const { state, region, stop } = setup(history);
    const next = counted([...history, bot(10_001)]);
    state.messages.value = next.list;
    expect(next.reads()).toBeLessThan(10);
    await expect.poll(() => region.textContent).toContain('message 10001');
    stop();
  });

  it('a burst of 100 in one change reads about 100, and becomes one "100 new messages"', async () => {
    const history = many(10_000);
    const { state, region, stop } = setup(history);
    const next = counted([...history, ...many(100, 10_001)]);
    state.messages.value = next.list;
    expect(next.reads()).toBeLessThan(110);
    await expect.poll(() => region.textContent).toMatch(/100 new messages/);
    stop();
  });

  it('older history put in front is read a few times and never announced', async () => {
    const recent = many(10_000, 1_001);
    const { state, region, stop } = setup(recent);
    const next = counted([...many(1_000), ...recent]);
    state.messages.value = next.list;
    expect(next.reads()).toBeLessThan(5);
    // A later new message is announced alone (the history was not queued).
    state.messages.value = [...next.list, bot(20_000)];
    await expect.poll(() => region.textContent).toContain('message 20000');
    expect(region.textContent).not.toMatch(/new messages/);
    stop();
  });

  it('an own message failing at the tail is announced once, behind thousands of messages', async () => {
    const own: ChatMessage = {
      id: 'c1',
      clientId: 'c1',
      createdAt: at,
      status: 'queued',
      from: { id: 'me', role: 'user' },
      parts: [{ kind: 'text', text: 'hello' }],
    };
    const history = many(5_000);
    const { state, region, stop } = setup([...history, own]);
    const next = counted([...history, { ...own, status: 'failed' }]);
    state.messages.value = next.list;
    expect(next.reads()).toBeLessThan(5);
    await expect.poll(() => region.textContent).toMatch(/not sent|failed|couldn/i);
    stop();
  });
});
