/** The start-up lifecycle restoring → ready → live, and the reload race it fixes. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeTransport, flush } from './chat-helpers';
import { texts } from './chat-helpers';
import { createChat, type Chat } from '../../src/core/chat';
import {
  createMemoryStore,
  createPersistence,
  type ChatPersistence,
  type KeyValueStore,
  type PersistedChat,
} from '../../src/core/persistence';

const chats: Chat[] = [];
afterEach(async () => {
  await Promise.all(chats.splice(0).map((c) => c.destroy()));
});

/** A persistence whose `load()` waits until the test releases it (a slow IndexedDB open). */
function slowLoad(persistence: ChatPersistence): { persistence: ChatPersistence; release(): void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return {
    release,
    persistence: {
      ...persistence,
      load: async (): Promise<PersistedChat> => {
        await gate;
        return persistence.load();
      },
    },
  };
}

/** A first page that queues `sent` while offline, then is reloaded. */
async function queuedOffline(store: KeyValueStore, namespace: string, sent: string[]): Promise<void> {
  const t = createFakeTransport({ connectStatus: 'offline' });
  const chat = createChat({ transport: t, locale: 'en', persistence: createPersistence({ store, namespace }) });
  await chat.start();
  for (const text of sent) chat.send(text);
  await chat.destroy();
}

describe('chat lifecycle: the reload race', () => {
  it('a message sent before the saved outbox is restored goes after the older unsent ones, on screen, on disk and on the wire', async () => {
    const store = createMemoryStore();
    await queuedOffline(store, 'race', ['first', 'second']);

    const t = createFakeTransport();
    const slow = slowLoad(createPersistence({ store, namespace: 'race' }));
    const chat = createChat({ transport: t, locale: 'en', persistence: slow.persistence });
    chats.push(chat);
    const third = chat.send('third'); // right after createChat, before the restore is done
    expect(third?.clientId).toBeDefined();
    await flush();
    slow.release();
    await chat.restore();
    expect(texts(chat)).toEqual(['first', 'second', 'third']);
    // Same clientId as the one send() returned.
    expect(chat.state.messages.value[2]?.clientId).toBe(third!.clientId);

    await chat.flush();
    const saved = await createPersistence({ store, namespace: 'race' }).load();
    expect(saved.messages.map((m) => m.parts[0])).toEqual(['first', 'second', 'third'].map((text) => ({ kind: 'text', text })));

    await chat.start();
    for (let i = 0; i < 3; i++) {
      await vi.waitFor(() => expect(t.sends.length).toBe(i + 1), { timeout: 5000 });
      t.ack(i, i + 1);
    }
    expect(t.sends.map((s) => s.message.text)).toEqual(['first', 'second', 'third']);
    await vi.waitFor(() => expect(chat.state.messages.value.every((m) => m.status === 'sent')).toBe(true), { timeout: 5000 });
  });
});

describe('chat lifecycle: restoring → ready → live', () => {
  it('without persistence the chat is ready at once, and live once started', async () => {
    const chat = createChat({ transport: createFakeTransport(), locale: 'en' });
    chats.push(chat);
    expect(chat.state.lifecycle.value).toBe('ready');
    const sent = chat.send('hello');
    expect(texts(chat)).toEqual(['hello']); // applied at once: nothing to wait for
    expect(sent).toBe(chat.state.messages.value[0]);
    await chat.start();
    expect(chat.state.lifecycle.value).toBe('live');
  });

  it('with persistence the restore starts at creation; calls made meanwhile apply after it, in call order', async () => {
    const store = createMemoryStore();
    const base = createPersistence({ store, namespace: 'order' });
    await base.saveDraft('saved draft');
    await queuedOffline(store, 'order', ['old']);
    const slow = slowLoad(createPersistence({ store, namespace: 'order' }));
    const chat = createChat({ transport: createFakeTransport(), locale: 'en', persistence: slow.persistence });
    chats.push(chat);
    const phases: string[] = [];
    chat.state.lifecycle.subscribe((phase) => phases.push(phase));
    expect(chat.state.lifecycle.value).toBe('restoring');

    const a = chat.send('a')!;
    chat.send('b');
    chat.remove(a.clientId!); // after a's send: removes it
    chat.setDraft('typed meanwhile');
    chat.choose({ id: 'qr-1', kind: 'reply', label: 'Yes', value: 'yes' });
    expect(texts(chat)).toEqual([]); // nothing shown before the restore
    slow.release();
    await chat.restore();
    expect(texts(chat)).toEqual(['old', 'b', 'yes']);
    expect(chat.state.draft.value).toBe('typed meanwhile');
    expect(phases).toEqual(['restoring', 'ready']);
    await chat.start();
    expect(phases).toEqual(['restoring', 'ready', 'live']);
  });

  it('the saved draft comes back when nothing was typed meanwhile', async () => {
    const store = createMemoryStore();
    await createPersistence({ store, namespace: 'draft' }).saveDraft('half a sentence');
    const chat = createChat({
      transport: createFakeTransport(),
      locale: 'en',
      persistence: createPersistence({ store, namespace: 'draft' }),
    });
    chats.push(chat);
    await chat.restore();
    expect(chat.state.draft.value).toBe('half a sentence');
    expect(chat.state.lifecycle.value).toBe('ready');
  });

  it('a send from a listener of the restore (lifecycle → ready) lands after the restored messages', async () => {
    const store = createMemoryStore();
    await queuedOffline(store, 'listener', ['old']);
    const chat = createChat({
      transport: createFakeTransport(),
      locale: 'en',
      persistence: createPersistence({ store, namespace: 'listener' }),
    });
    chats.push(chat);
    chat.state.lifecycle.subscribe((phase) => {
      if (phase === 'ready') chat.send('from the listener');
    });
    await chat.restore();
    expect(texts(chat)).toEqual(['old', 'from the listener']);
  });

  it('a load that fails is reported and the chat goes on from memory, queued calls applied', async () => {
    const failing: ChatPersistence = {
      ...createPersistence({ store: createMemoryStore(), namespace: 'broken' }),
      load: () => Promise.reject(new Error('disk on fire')),
    };
    const chat = createChat({ transport: createFakeTransport(), locale: 'en', persistence: failing });
    chats.push(chat);
    const errors: unknown[] = [];
    chat.on('error', (e) => errors.push(e));
    chat.send('still works');
    await expect(chat.restore()).resolves.toBeUndefined();
    expect(texts(chat)).toEqual(['still works']);
    expect(errors).toHaveLength(1);
    expect(chat.state.lifecycle.value).toBe('ready');
  });

  it('destroy during the restore waits for it: a message sent meanwhile is saved, not lost', async () => {
    const store = createMemoryStore();
    const slow = slowLoad(createPersistence({ store, namespace: 'gone' }));
    const t = createFakeTransport();
    const chat = createChat({ transport: t, locale: 'en', persistence: slow.persistence });
    const sent = chat.send('typed, then the tab closes')!;
    const destroyed = chat.destroy();
    expect(chat.destroy()).toBe(destroyed); // one destroy
    await flush();
    slow.release();
    await destroyed;
    expect(chat.destroyed).toBe(true);
    const saved = await createPersistence({ store, namespace: 'gone' }).load();
    expect(saved.messages.map((m) => m.clientId)).toEqual([sent.clientId]);
    expect(t.sends).toHaveLength(0); // never started
  });
});

describe('chat lifecycle: destroy', () => {
  it('a storage that never answers does not keep an idle chat from being destroyed', async () => {
    const hung: ChatPersistence = {
      ...createPersistence({ store: createMemoryStore(), namespace: 'hung' }),
      load: () => new Promise(() => undefined),
    };
    const chat = createChat({ transport: createFakeTransport(), locale: 'en', persistence: hung });
    expect(chat.state.lifecycle.value).toBe('restoring');
    await chat.destroy();
    expect(chat.destroyed).toBe(true);
  });
});
