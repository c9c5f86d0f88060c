// @vitest-environment happy-dom
/**
 * The command function behind the README snippet, over a real widget: the stub's queue replayed in
 * order, commands before `boot` waiting for it, a second boot ignored, boot again after destroy,
 * the stub's `ready` promise kept, and an unknown command reported, never thrown.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCommands } from '../../src/embed/commands';
import { createSupportChat, type SupportChat } from '../../src/embed/create-support-chat';
import type { SupportChatOptions } from '../../src/embed/options';
import { createMemoryTransport } from '../../src/transports/memory';

const made: SupportChat[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((c) => c.destroy()));
  vi.restoreAllMocks();
});

/** A stub as the snippet makes it. */
function snippetStub() {
  const q: unknown[][] = [];
  const stub = Object.assign((...args: unknown[]) => void q.push(args), { q, ready: undefined as unknown, r: undefined as unknown });
  stub.ready = new Promise((r) => {
    stub.r = r;
  });
  return stub;
}

function commandsOver(stub: unknown) {
  const booted: SupportChat[] = [];
  const commands = createCommands(stub, {
    boot: (options: SupportChatOptions) => {
      const chat = createSupportChat({
        locale: 'en',
        multiTab: false,
        ...options,
        transport: () => createMemoryTransport({ replyDelayMs: 0 }),
      });
      made.push(chat);
      return chat;
    },
    booted: (chat) => booted.push(chat),
  });
  return { commands, booted, fn: commands.install({ VERSION: 'test' }) };
}

describe('SupportChat(...) commands', () => {
  it('replays the queue in order, holding commands given before boot', async () => {
    const stub = snippetStub();
    const seen: string[] = [];
    stub('on', 'open', () => seen.push('open'));
    stub('open');
    stub('boot', { title: 'Help' });
    stub('send', 'queued');
    const { commands, booted, fn } = commandsOver(stub);
    commands.replay();
    expect(booted).toHaveLength(1);
    const chat = booted[0]!;
    expect(seen).toEqual(['open']);
    expect(chat.state.isOpen.value).toBe(true);
    await vi.waitFor(() =>
      expect(chat.state.messages.value.some((m) => m.parts.some((p) => p.kind === 'text' && p.text === 'queued'))).toBe(true),
    );
    // The stub's promise is the one that resolves; exports stay readable on the function.
    expect(fn.ready).toBe(stub.ready);
    await expect(fn.ready).resolves.toBe(chat);
    expect(fn.instance).toBe(chat);
    expect((fn as unknown as { VERSION: string }).VERSION).toBe('test');
  });

  it('a second boot changes nothing; after destroy, boot starts a new widget', async () => {
    const { booted, fn } = commandsOver(undefined);
    const first = fn('boot', {});
    expect(fn('boot', { title: 'Again' })).toBe(first);
    expect(booted).toHaveLength(1);
    await (fn.instance as SupportChat).destroy();
    expect(fn.instance).toBeNull();
    const second = fn('boot', {});
    expect(second).not.toBe(first);
    expect(fn('getState')).toMatchObject({ isOpen: false });
  });

  it('an unknown command or a bad option is logged, not thrown', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { fn } = commandsOver(undefined);
    fn('boot', {});
    expect(fn('fly')).toBeUndefined();
    expect(fn('update', { colour: 'red' })).toBeUndefined();
    expect(error.mock.calls.map(([e]) => (e as { option?: string }).option)).toEqual(['command', 'colour']);
  });
});
