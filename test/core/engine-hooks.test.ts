/** The persistence hooks other layers build on: `stage` (write-ahead journal) and `adoptUnsent`. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeTransport, flush } from './chat-helpers';
import { texts } from './chat-helpers';
import { createChat, type Chat } from '../../src/core/chat';
import type { ChatMessage } from '../../src/core/model';
import { createMemoryStore, createPersistence, type ChatPersistence } from '../../src/core/persistence';

const chats: Chat[] = [];
afterEach(async () => {
  await Promise.all(chats.splice(0).map((c) => c.destroy()));
});

const unsent = (clientId: string, text: string): ChatMessage => ({
  id: clientId,
  clientId,
  from: { id: 'me', role: 'user' },
  parts: [{ kind: 'text', text }],
  createdAt: new Date(1_700_000_000_000).toISOString(),
  status: 'queued',
});

describe('chat hooks: stage', () => {
  it('send and sendFiles journal the new message before they return, with the clientId they return', () => {
    const staged: ChatMessage[] = [];
    const persistence: ChatPersistence = {
      ...createPersistence({ store: createMemoryStore(), namespace: 'stage' }),
      stage: (m) => staged.push(m),
    };
    const chat = createChat({ transport: createFakeTransport(), locale: 'en', persistence });
    chats.push(chat);
    const a = chat.send('journaled');
    expect(staged.map((m) => m.clientId)).toEqual([a!.clientId]);
    const b = chat.sendFiles([new Blob(['x'], { type: 'text/plain' })], 'with a file');
    expect(staged.map((m) => m.clientId)).toEqual([a!.clientId, b!.clientId]);
    expect(staged[1]).toMatchObject({ status: 'queued', parts: [{ kind: 'text', text: 'with a file' }, { kind: 'attachment' }] });
    expect(chat.send('   ')).toBeNull();
    expect(staged).toHaveLength(2);
  });

  it('while the restore runs, the journal is the only write before send() returns', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const base = createPersistence({ store: createMemoryStore(), namespace: 'stage-restoring' });
    const staged: string[] = [];
    const persistence: ChatPersistence = {
      ...base,
      load: async () => (await gate, base.load()),
      stage: (m) => staged.push(m.clientId!),
    };
    const chat = createChat({ transport: createFakeTransport(), locale: 'en', persistence });
    chats.push(chat);
    const m = chat.send('during the restore')!;
    expect(staged).toEqual([m.clientId]);
    expect(texts(chat)).toEqual([]);
    release();
    await chat.restore();
    expect(texts(chat)).toEqual(['during the restore']);
    expect(staged).toEqual([m.clientId]); // staged once, not again when applied
  });

  it('a journal that throws is reported; the message is still sent', async () => {
    const persistence: ChatPersistence = {
      ...createPersistence({ store: createMemoryStore(), namespace: 'stage-throws' }),
      stage: () => {
        throw new Error('quota');
      },
    };
    const t = createFakeTransport({ autoAck: true });
    const chat = createChat({ transport: t, locale: 'en', persistence });
    chats.push(chat);
    const errors: unknown[] = [];
    chat.on('error', (e) => errors.push(e));
    await chat.start();
    chat.send('hello');
    await vi.waitFor(() => expect(t.sends.map((s) => s.message.text)).toEqual(['hello']), { timeout: 5000 });
    expect(errors).toHaveLength(1);
  });
});

describe('chat hooks: adoptUnsent', () => {
  it('adopts unsent messages unknown here, skips known and deleted ones, and sends them', async () => {
    let offered: ChatMessage[] = [];
    const persistence: ChatPersistence = {
      ...createPersistence({ store: createMemoryStore(), namespace: 'adopt' }),
      loadUnsent: async () => offered,
    };
    const t = createFakeTransport({ connectStatus: 'offline' });
    const chat = createChat({ transport: t, locale: 'en', persistence });
    chats.push(chat);
    await chat.start();
    const mine = chat.send('mine')!;
    const deleted = chat.send('deleted')!;
    chat.remove(deleted.clientId!);
    offered = [
      unsent(mine.clientId!, 'mine (stale copy)'),
      unsent(deleted.clientId!, 'deleted'),
      unsent('c-other-tab', 'from a closed tab'),
    ];
    await chat.adoptUnsent();
    expect(texts(chat)).toEqual(['mine', 'from a closed tab']);
    expect(t.sends).toHaveLength(0); // offline: nothing went out yet
    t.goOnline(); // the backend is reachable again (a status event alone would not make it accept sends)
    await vi.waitFor(() => expect(t.pendingSends().map((m) => m.clientId)).toEqual([mine.clientId]), { timeout: 5000 });
    t.ack(mine.clientId!);
    await vi.waitFor(() => expect(t.pendingSends().map((m) => m.clientId)).toEqual(['c-other-tab']), { timeout: 5000 });
    expect(t.sends.map((s) => s.message.clientId)).toEqual([mine.clientId, 'c-other-tab']);
  });

  it('waits for the restore, so a restored message is not adopted twice', async () => {
    const store = createMemoryStore();
    const base = createPersistence({ store, namespace: 'adopt-restore' });
    await base.saveMessages([unsent('c-saved', 'saved')]);
    const persistence: ChatPersistence = {
      ...createPersistence({ store, namespace: 'adopt-restore' }),
      loadUnsent: async () => [unsent('c-saved', 'saved')],
    };
    const chat = createChat({ transport: createFakeTransport({ connectStatus: 'offline' }), locale: 'en', persistence });
    chats.push(chat);
    await chat.adoptUnsent(); // called before the restore has finished
    expect(texts(chat)).toEqual(['saved']);
  });

  it('does nothing without the hook, and after destroy', async () => {
    const chat = createChat({
      transport: createFakeTransport(),
      locale: 'en',
      persistence: createPersistence({ store: createMemoryStore(), namespace: 'none' }),
    });
    await expect(chat.adoptUnsent()).resolves.toBeUndefined();
    await chat.destroy();
    await expect(chat.adoptUnsent()).resolves.toBeUndefined();
    await flush();
    expect(texts(chat)).toEqual([]);
  });
});
