// @vitest-environment happy-dom
/**
 * `identify(user, signature)`: a visitor signs in, a user switches to another, on the same widget
 * object: the previous session ends at the backend, the previous person's saved data is deleted,
 * the widget reconnects as the new user with a fresh transport, keeping listeners, updates and
 * whether it was open. The same user again only refreshes the signature; bad calls are refused.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSupportChat, HOST_TAG, type SupportChat } from '../../src/embed/create-support-chat';
import { createMemoryTransport, type MemoryTransport } from '../../src/transports/memory';
import { isOptionError, type OptionError } from '../../src/core/errors';
import type { ChatMessage } from '../../src/core/model';

const made: SupportChat[] = [];
const transports: MemoryTransport[] = [];
function make(user?: { id: string }): SupportChat {
  const chat = createSupportChat({
    transport: () => {
      const t = createMemoryTransport({ replyDelayMs: 0 });
      transports.push(t);
      return t;
    },
    locale: 'en',
    storage: 'localstorage',
    multiTab: false,
    ...(user ? { user } : {}),
  });
  made.push(chat);
  return chat;
}
afterEach(async () => {
  await Promise.all(made.splice(0).map((c) => c.destroy()));
  transports.splice(0);
  localStorage.clear();
  document.body.innerHTML = '';
});

const texts = (chat: SupportChat) => chat.state.messages.value.flatMap((m) => m.parts.flatMap((p) => (p.kind === 'text' ? [p.text] : [])));
const savedOf = (user: string) => Object.keys(localStorage).filter((k) => k.startsWith('support-chat:') && k.includes(`:${user}:`));
const signature = { hash: 'a'.repeat(64), expires: Math.floor(Date.now() / 1000) + 3600 };

async function rejection(run: () => Promise<unknown>): Promise<OptionError> {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(isOptionError(error)).toBe(true);
  return error as OptionError;
}

describe('identify()', () => {
  it('signs a visitor in: ends the visitor session, wipes its data and reconnects as the user in the same widget', async () => {
    const chat = make();
    await vi.waitFor(() => expect(chat.state.connection.value).toBe('online'));
    const seen: ChatMessage[] = [];
    chat.on('message', (m) => seen.push(m));
    chat.open();
    chat.send('anonymous question');
    await vi.waitFor(() => expect(savedOf('anon').length).toBeGreaterThan(0));
    const firstElement = chat.element;

    await chat.identify({ id: 'alice', name: 'Alice', email: 'alice@example.com', attributes: { plan: 'pro' } }, signature);

    expect(transports).toHaveLength(2);
    expect(transports[0]!.calls.some((c) => c.method === 'logout')).toBe(true);
    expect(savedOf('anon')).toEqual([]);
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    expect(chat.element).not.toBe(firstElement);
    expect(firstElement.isConnected).toBe(false);
    await vi.waitFor(() => expect(chat.state.connection.value).toBe('online'));
    const hello = transports[1]!.calls.find((c) => c.method === 'connect')!.args[0] as { user: Record<string, unknown> };
    expect(hello.user).toMatchObject({
      id: 'alice',
      name: 'Alice',
      email: 'alice@example.com',
      hash: signature.hash,
      hashExpires: signature.expires,
    });
    expect(texts(chat)).not.toContain('anonymous question');
    expect(chat.getState().isOpen).toBe(true);
    // The page's listener follows the widget to the new user.
    const before = seen.length;
    chat.send('signed-in question');
    await vi.waitFor(() => expect(seen.length).toBeGreaterThan(before));
    await vi.waitFor(() => expect(savedOf('alice').length).toBeGreaterThan(0));
  });

  it('switches from one user to another and keeps update()s; the same user again only refreshes the signature', async () => {
    const chat = make({ id: 'alice' });
    await vi.waitFor(() => expect(chat.state.connection.value).toBe('online'));
    chat.send('private to alice');
    await vi.waitFor(() => expect(savedOf('alice').length).toBeGreaterThan(0));
    chat.setLocale('ru');

    await chat.identify({ id: 'bob' }, signature);
    expect(savedOf('alice')).toEqual([]);
    expect(chat.getState().locale).toBe('ru');
    expect(texts(chat)).not.toContain('private to alice');
    await vi.waitFor(() => expect(chat.state.connection.value).toBe('online'));

    const fresh = { hash: 'b'.repeat(64), expires: signature.expires + 60 };
    await chat.identify({ id: 'bob' }, fresh);
    expect(transports).toHaveLength(2);
    expect(transports[1]!.calls.find((c) => c.method === 'refreshIdentity')?.args[0]).toEqual({
      hash: fresh.hash,
      hashExpires: fresh.expires,
    });
  });

  it('refuses malformed calls by naming the field, and a transport given as an instance', async () => {
    const chat = make();
    expect((await rejection(() => chat.identify({ id: '' }, signature))).option).toBe('user.id');
    expect((await rejection(() => chat.identify({ id: 'x', nmae: 'typo' } as never, signature))).option).toBe('user.nmae');
    expect((await rejection(() => chat.identify({ id: 'x' }, { hash: '', expires: 1 }))).option).toBe('signature.hash');
    expect((await rejection(() => chat.identify({ id: 'x' }, { hash: 'h' } as never))).option).toBe('signature.expires');
    await chat.destroy();
    const fixed = createSupportChat({ transport: createMemoryTransport({ replyDelayMs: 0 }), locale: 'en', multiTab: false });
    made.push(fixed);
    expect((await rejection(() => fixed.identify({ id: 'x' }, signature))).reason).toContain('factory');
  });

  it("lets go of the previous user's conversation when another tab switches the user, without ending anyone's session", async () => {
    const chat = make({ id: 'alice' });
    await vi.waitFor(() => expect(chat.state.connection.value).toBe('online'));
    chat.open();
    chat.send('private to alice');
    await vi.waitFor(() => expect(savedOf('alice').length).toBeGreaterThan(0));
    const seen: ChatMessage[] = [];
    chat.on('message', (m) => seen.push(m));
    const key = `support-chat:v1:${location.host}:last-user:default`;
    // Not for this widget's key, or the same user again: nothing happens.
    window.dispatchEvent(new StorageEvent('storage', { key: 'something-else', newValue: 'bob' }));
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: 'alice' }));
    expect(transports).toHaveLength(1);

    // Another tab of the site signed bob in (it ended alice's session and wiped her data there).
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: 'bob' }));
    await vi.waitFor(() => expect(transports).toHaveLength(2));
    expect(texts(chat)).not.toContain('private to alice');
    await vi.waitFor(() => expect(savedOf('alice')).toEqual([]));
    // This tab goes on as a visitor: it neither ends bob's session nor claims the device.
    expect(transports[0]!.calls.some((c) => c.method === 'logout')).toBe(false);
    await vi.waitFor(() => expect(chat.state.connection.value).toBe('online'));
    const hello = transports[1]!.calls.find((c) => c.method === 'connect')!.args[0] as { user?: Record<string, unknown> };
    expect(hello.user?.id).toBeUndefined();
    expect(localStorage.getItem(key)).toBe('alice');
    expect(chat.getState().isOpen).toBe(true);
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    // The page's listeners follow the new widget.
    chat.send('visitor after the switch');
    await vi.waitFor(() =>
      expect(seen.some((m) => m.parts.some((p) => p.kind === 'text' && p.text === 'visitor after the switch'))).toBe(true),
    );
  });

  it('the same user with a new name or e-mail, and setLocale(), reach the backend without a reconnect', async () => {
    const chat = make({ id: 'alice' });
    await vi.waitFor(() => expect(chat.state.connection.value).toBe('online'));
    const profileCalls = () => transports[0]!.calls.filter((c) => c.method === 'updateProfile').map((c) => c.args[0]);

    await chat.identify({ id: 'alice', name: 'Alice Smith', email: 'alice@bank.example' }, signature);
    expect(profileCalls()).toEqual([{ user: { name: 'Alice Smith', email: 'alice@bank.example' } }]);
    // Nothing new: only the signature goes.
    await chat.identify({ id: 'alice', name: 'Alice Smith' }, signature);
    expect(profileCalls()).toHaveLength(1);
    chat.setLocale('ru');
    await vi.waitFor(() =>
      expect(profileCalls()).toEqual([{ user: { name: 'Alice Smith', email: 'alice@bank.example' } }, { locale: 'ru' }]),
    );
    // The same language again, or another option, says nothing.
    chat.update({ locale: 'ru', title: 'Help' });
    expect(profileCalls()).toHaveLength(2);
    expect(transports).toHaveLength(1);
  });
});
