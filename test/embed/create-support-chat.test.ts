// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSupportChat, HOST_TAG, type SupportChat } from '../../src/embed/create-support-chat';
import { createMemoryTransport } from '../../src/transports/memory';
import { isOptionError } from '../../src/core/errors';

const made: SupportChat[] = [];
function make(extra: Record<string, unknown> = {}): SupportChat {
  const chat = createSupportChat({ transport: createMemoryTransport({ replyDelayMs: 0 }), locale: 'en', ...extra });
  made.push(chat);
  return chat;
}
afterEach(async () => {
  await Promise.all(made.splice(0).map((c) => c.destroy()));
  document.body.innerHTML = '';
});

describe('createSupportChat', () => {
  it('mounts exactly one host element with an open shadow root and touches nothing else', () => {
    const before = document.head.innerHTML;
    const chat = make();
    const hosts = document.querySelectorAll(HOST_TAG);
    expect(hosts).toHaveLength(1);
    expect(hosts[0]).toBe(chat.element);
    expect(chat.element.shadowRoot).not.toBeNull();
    expect(chat.element.shadowRoot!.querySelector('button')).not.toBeNull();
    expect(document.head.innerHTML).toBe(before);
  });

  it('open/close/toggle drive state and emit typed events', () => {
    const chat = make();
    const seen: string[] = [];
    chat.on('open', (e) => seen.push(`open:${e.source}`));
    const off = chat.on('close', (e) => seen.push(`close:${e.source}`));
    chat.open();
    expect(chat.state.isOpen.value).toBe(true);
    chat.toggle();
    expect(chat.state.isOpen.value).toBe(false);
    off();
    chat.open();
    chat.close();
    expect(seen).toEqual(['open:api', 'close:api', 'open:api']);
  });

  it('send() puts the user message in state and the bot answers', async () => {
    const chat = make();
    await vi.waitFor(() => expect(chat.state.connection.value).toBe('online'));
    const sent = chat.send('hello there');
    expect(sent?.clientId).toMatch(/^c_[0-9a-f-]{36}$/);
    await vi.waitFor(() => {
      const msgs = chat.state.messages.value;
      const at = msgs.findIndex((m) => m.clientId === sent!.clientId);
      expect(msgs[at]!.status).toBe('sent');
      expect(msgs.slice(at + 1).some((m) => m.from.role === 'bot')).toBe(true);
    });
    expect(chat.send('   ')).toBeNull();
  });

  it('two instances on one page work independently', async () => {
    const a = make({ title: 'A', id: 'a' });
    const b = make({ title: 'B', id: 'b', position: 'bottom-left' });
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(2);
    a.open();
    expect(a.state.isOpen.value).toBe(true);
    expect(b.state.isOpen.value).toBe(false);
    await vi.waitFor(() => expect(a.state.connection.value).toBe('online'));
    a.send('only in A');
    expect(a.state.messages.value.some((m) => m.parts.some((p) => p.kind === 'text' && p.text === 'only in A'))).toBe(true);
    expect(b.state.messages.value.some((m) => m.parts.some((p) => p.kind === 'text' && p.text === 'only in A'))).toBe(false);
    await a.destroy();
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    b.open();
    expect(b.state.isOpen.value).toBe(true);
  });

  it('destroy() removes the node, listeners and connection; later calls throw', async () => {
    const removeSpy = vi.spyOn(document, 'removeEventListener');
    const transport = createMemoryTransport({ replyDelayMs: 0 });
    const chat = createSupportChat({ transport, locale: 'en' });
    await vi.waitFor(() => expect(chat.state.connection.value).toBe('online'));
    const statuses: string[] = [];
    transport.on((e) => {
      if (e.type === 'status') statuses.push(e.status);
    });
    await chat.destroy();
    await chat.destroy();
    expect(document.querySelector(HOST_TAG)).toBeNull();
    expect(removeSpy).toHaveBeenCalledWith('visibilitychange', expect.any(Function));
    expect(statuses).toContain('idle');
    expect(() => chat.open()).toThrow(/after destroy/);
  });

  it('logout() removes the widget and every byte it saved for that user', async () => {
    localStorage.clear();
    localStorage.setItem('host-app', 'keep');
    const chat = createSupportChat({
      transport: createMemoryTransport({ replyDelayMs: 0 }),
      locale: 'en',
      storage: 'localstorage',
      multiTab: false,
      user: { id: 'alice' },
    });
    await vi.waitFor(() => expect(chat.state.connection.value).toBe('online'));
    chat.send('private to alice');
    const saved = () => Object.keys(localStorage).filter((k) => k.startsWith('support-chat:') && k.includes(':alice:'));
    await vi.waitFor(() => expect(saved().join()).toContain(':alice:'));
    await chat.logout();
    expect(saved()).toEqual([]);
    expect(localStorage.getItem('host-app')).toBe('keep');
    expect(document.querySelector(HOST_TAG)).toBeNull();
    // The next user on this device starts empty.
    const bob = make({ storage: 'localstorage', multiTab: false, user: { id: 'bob' } });
    await bob.chat.restore();
    expect(bob.state.messages.value.some((m) => m.parts.some((p) => p.kind === 'text' && p.text === 'private to alice'))).toBe(false);
    localStorage.clear();
  });

  it('a bad option throws a typed error before touching the page', () => {
    let error: unknown;
    try {
      createSupportChat({ transport: createMemoryTransport(), position: 'middle' as 'bottom-left' });
    } catch (e) {
      error = e;
    }
    expect(isOptionError(error)).toBe(true);
    expect((error as { option: string }).option).toBe('position');
    expect(document.querySelector(HOST_TAG)).toBeNull();
  });

  it('a throwing host listener does not break the widget', async () => {
    const chat = make();
    const errors: unknown[] = [];
    chat.on('error', (e) => errors.push(e));
    chat.on('open', () => {
      throw new Error('host bug');
    });
    chat.open();
    expect(chat.state.isOpen.value).toBe(true);
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    chat.close();
    expect(chat.state.isOpen.value).toBe(false);
  });
});
