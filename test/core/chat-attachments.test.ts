import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChat, type Chat } from '../../src/core/chat';
import { TransportError } from '../../src/core/errors';
import type { AttachmentRef, ChatMessage } from '../../src/core/model';
import { createMemoryStore, createPersistence, pickMessage } from '../../src/core/persistence';
import type { UploadOptions } from '../../src/core/transport';
import { startedChat } from './chat-helpers';
import { createFakeTransport, flush, type FakeTransport } from './chat-helpers';

interface PendingUpload {
  file: Blob & { name?: string };
  options: UploadOptions;
  resolve(ref: AttachmentRef): void;
  reject(error: unknown): void;
}

/** Gives the fake transport an `upload` the test answers by hand; returns the calls. */
function withUploads(t: FakeTransport): PendingUpload[] {
  const calls: PendingUpload[] = [];
  t.upload = (file, options = {}) =>
    new Promise<AttachmentRef>((resolve, reject) => {
      calls.push({ file, options, resolve, reject });
    });
  return calls;
}

const file = (name: string, size = 100, type = 'image/png') => Object.assign(new Blob([new Uint8Array(size)], { type }), { name });
const refFor = (name: string, size = 100): AttachmentRef => ({
  id: `srv-${name}`,
  name,
  mimeType: 'image/png',
  size,
  url: `https://files.test/${name}`,
});
const only = (chat: Chat, clientId: string): ChatMessage => chat.state.messages.value.find((m) => m.clientId === clientId)!;
const attachments = (m: ChatMessage) => m.parts.flatMap((p) => (p.kind === 'attachment' ? [p.attachment] : []));

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('chat: files through the outbox', () => {
  it('shows the message at once, uploads with progress, then sends the uploaded refs with the same clientId', async () => {
    const { t, chat } = await startedChat();
    const uploads = withUploads(t);
    const m = chat.sendFiles([file('a.png', 200)], '  look  ')!;
    expect(m.clientId).toMatch(/^c_/);
    expect(m.parts[0]).toEqual({ kind: 'text', text: 'look' });
    expect(attachments(m)).toEqual([{ id: expect.stringMatching(/^local:/), name: 'a.png', mimeType: 'image/png', size: 200 }]);
    expect(['queued', 'sending']).toContain(m.status);
    await flush();
    expect(uploads).toHaveLength(1);
    expect(t.sends).toHaveLength(0);
    expect(only(chat, m.clientId!).status).toBe('sending');

    uploads[0]!.options.onProgress!({ loaded: 86, total: 200 });
    expect(only(chat, m.clientId!).upload).toEqual({ loaded: 86, total: 200 });
    uploads[0]!.options.onProgress!({ loaded: 20, total: 200 }); // a transport glitch: never backwards
    expect(only(chat, m.clientId!).upload).toEqual({ loaded: 86, total: 200 });

    uploads[0]!.resolve(refFor('a.png', 200));
    await flush();
    expect(t.sends.map((s) => s.message)).toEqual([{ clientId: m.clientId, text: 'look', attachments: [refFor('a.png', 200)] }]);
    const sending = only(chat, m.clientId!);
    expect(sending.upload).toBeUndefined();
    expect(attachments(sending)).toEqual([refFor('a.png', 200)]);
    t.ack(0, 7);
    await flush();
    expect(only(chat, m.clientId!)).toMatchObject({ id: 's-7', status: 'sent', seq: 7 });
  });

  it('uploads several files one by one with progress over all of them, and keeps preview URLs on placeholders', async () => {
    const { t, chat } = await startedChat();
    const uploads = withUploads(t);
    const m = chat.sendFiles([file('a.png', 100), file('b.png', 300)], '', { previewUrls: ['blob:https://x/1', undefined] })!;
    expect(attachments(m).map((a) => a.thumbnailUrl)).toEqual(['blob:https://x/1', undefined]);
    await flush();
    uploads[0]!.resolve(refFor('a.png', 100));
    await flush();
    expect(only(chat, m.clientId!).upload).toEqual({ loaded: 100, total: 400 });
    expect(uploads).toHaveLength(2);
    uploads[1]!.options.onProgress!({ loaded: 150, total: 300 });
    expect(only(chat, m.clientId!).upload).toEqual({ loaded: 250, total: 400 });
    uploads[1]!.resolve(refFor('b.png', 300));
    await flush();
    expect(t.sends[0]!.message.attachments).toEqual([refFor('a.png', 100), refFor('b.png', 300)]);
  });

  it('retries a retryable upload failure with backoff, only while online, with the same clientId', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { t, chat } = await startedChat();
    const uploads = withUploads(t);
    const m = chat.sendFiles([file('a.png')])!;
    await flush();
    uploads[0]!.options.onProgress!({ loaded: 50, total: 100 });
    uploads[0]!.reject(new TransportError('fake', 'network', 'connection reset'));
    await flush();
    expect(only(chat, m.clientId!)).toMatchObject({ status: 'queued', upload: { loaded: 50, total: 100 } });

    await vi.advanceTimersByTimeAsync(499);
    expect(uploads).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(uploads).toHaveLength(2);
    uploads[1]!.reject(new TransportError('fake', 'server', 'busy'));
    await flush();

    // Offline: the backoff timer fires but nothing is uploaded until the connection is back.
    t.emit({ type: 'status', status: 'reconnecting' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(uploads).toHaveLength(2);
    t.emit({ type: 'status', status: 'online' });
    await flush();
    expect(uploads).toHaveLength(3);
    uploads[2]!.resolve(refFor('a.png'));
    await flush();
    expect(t.sends.map((s) => s.message.clientId)).toEqual([m.clientId]);
  });

  it('marks a permanent upload rejection failed with its reason and moves on to the next message', async () => {
    const { t, chat } = await startedChat({ autoAck: true });
    const uploads = withUploads(t);
    const m = chat.sendFiles([file('huge.png')])!;
    const text = chat.send('after')!;
    await flush();
    uploads[0]!.reject(new TransportError('fake', 'too_large', 'file is larger than 10 MB'));
    await flush();
    const failed = only(chat, m.clientId!);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'too_large', retryable: false } });
    expect(failed.upload).toBeUndefined();
    expect(t.sends.map((s) => s.message.clientId)).toEqual([text.clientId]);

    // Retry uploads again (the file is still in memory); Delete removes.
    chat.retry(m.clientId!);
    await flush();
    expect(uploads).toHaveLength(2);
    uploads[1]!.reject(new TransportError('fake', 'unsupported_type', 'no'));
    await flush();
    expect(only(chat, m.clientId!).error?.code).toBe('unsupported_type');
    chat.remove(m.clientId!);
    expect(chat.state.messages.value.some((x) => x.clientId === m.clientId)).toBe(false);
  });

  it('fails at once when the backend takes no files', async () => {
    const { chat } = await startedChat();
    const m = chat.sendFiles([file('a.png')])!;
    await flush();
    expect(only(chat, m.clientId!)).toMatchObject({ status: 'failed', error: { code: 'unsupported' } });
  });

  it('does not upload twice when the send fails after the upload succeeded', async () => {
    const { t, chat } = await startedChat();
    const uploads = withUploads(t);
    const m = chat.sendFiles([file('a.png')])!;
    await flush();
    uploads[0]!.resolve(refFor('a.png'));
    await flush();
    t.sends[0]!.reject(new TransportError('fake', 'invalid', 'rejected', { retryable: false }));
    await flush();
    expect(only(chat, m.clientId!).status).toBe('failed');
    chat.retry(m.clientId!);
    await flush();
    expect(uploads).toHaveLength(1);
    expect(t.sends.map((s) => [s.message.clientId, s.message.attachments])).toEqual([
      [m.clientId, [refFor('a.png')]],
      [m.clientId, [refFor('a.png')]],
    ]);
  });

  it('cancelling aborts the upload request and the next message goes out', async () => {
    const { t, chat } = await startedChat();
    const uploads = withUploads(t);
    const m = chat.sendFiles([file('a.png')])!;
    const text = chat.send('next')!;
    await flush();
    const signal = uploads[0]!.options.signal!;
    expect(signal.aborted).toBe(false);
    chat.remove(m.clientId!);
    expect(signal.aborted).toBe(true);
    expect(chat.state.messages.value.map((x) => x.clientId)).toEqual([text.clientId]);
    // This transport ignores the signal: the outbox does not wait for it.
    await flush();
    expect(t.sends.map((s) => s.message.clientId)).toEqual([text.clientId]);
    uploads[0]!.resolve(refFor('a.png'));
    await flush();
    expect(t.sends).toHaveLength(1);
  });

  it('keeps the order of messages: a text sent after a file waits for it', async () => {
    const { t, chat } = await startedChat({ autoAck: true });
    const uploads = withUploads(t);
    const before = chat.send('before')!;
    const m = chat.sendFiles([file('a.png')])!;
    const after = chat.send('after')!;
    await flush();
    expect(t.sends.map((s) => s.message.clientId)).toEqual([before.clientId]);
    uploads[0]!.resolve(refFor('a.png'));
    await flush();
    expect(t.sends.map((s) => s.message.clientId)).toEqual([before.clientId, m.clientId, after.clientId]);
  });

  it('waits for the connection before uploading', async () => {
    const { t, chat } = await startedChat();
    const uploads = withUploads(t);
    t.emit({ type: 'status', status: 'reconnecting' });
    const m = chat.sendFiles([file('a.png')])!;
    await flush();
    expect(m.status).toBe('queued');
    expect(uploads).toHaveLength(0);
    t.emit({ type: 'status', status: 'online' });
    await flush();
    expect(uploads).toHaveLength(1);
  });
});

describe('chat: files across a reload', () => {
  const NS = 'test:attachments';

  it('a message whose file never finished uploading comes back failed with a clear reason, never stuck', async () => {
    const store = createMemoryStore();
    const t1 = createFakeTransport();
    const uploads = withUploads(t1);
    const chat1 = createChat({ transport: t1, locale: 'en', persistence: createPersistence({ store, namespace: NS }) });
    await chat1.start();
    const m = chat1.sendFiles([file('a.png')], 'hi')!;
    await vi.waitFor(() => expect(uploads).toHaveLength(1)); // after the message is on disk
    uploads[0]!.options.onProgress!({ loaded: 43, total: 100 });
    await chat1.destroy(); // the tab closes mid-upload
    expect(uploads[0]!.options.signal!.aborted).toBe(true);

    const t2 = createFakeTransport();
    const uploads2 = withUploads(t2);
    const chat2 = createChat({ transport: t2, locale: 'en', persistence: createPersistence({ store, namespace: NS }) });
    await chat2.start();
    await flush();
    const back = only(chat2, m.clientId!);
    expect(back).toMatchObject({
      status: 'failed',
      error: { code: 'upload_interrupted', message: 'The file upload was interrupted: attach it again' },
    });
    expect(back.upload).toBeUndefined();
    // Retry has no file to upload: it stays failed with that reason; Delete removes it.
    chat2.retry(m.clientId!);
    await flush();
    expect(only(chat2, m.clientId!).status).toBe('failed');
    expect(uploads2).toHaveLength(0);
    expect(t2.sends).toHaveLength(0);
    chat2.remove(m.clientId!);
    expect(chat2.state.messages.value).toHaveLength(0);
    await chat2.destroy();
  });

  it('a message whose files were all uploaded resumes and is sent with the same clientId, without uploading again', async () => {
    const store = createMemoryStore();
    const t1 = createFakeTransport();
    const uploads = withUploads(t1);
    const chat1 = createChat({ transport: t1, locale: 'en', persistence: createPersistence({ store, namespace: NS }) });
    await chat1.start();
    const m = chat1.sendFiles([file('a.png')])!;
    await vi.waitFor(() => expect(uploads).toHaveLength(1)); // after the message is on disk
    uploads[0]!.resolve(refFor('a.png'));
    await vi.waitFor(() => expect(t1.sends).toHaveLength(1)); // in flight when the tab closes
    await chat1.destroy();

    const t2 = createFakeTransport({ autoAck: true });
    const uploads2 = withUploads(t2);
    const chat2 = createChat({ transport: t2, locale: 'en', persistence: createPersistence({ store, namespace: NS }) });
    await chat2.start();
    await flush();
    expect(uploads2).toHaveLength(0);
    expect(t2.sends.map((s) => [s.message.clientId, s.message.attachments])).toEqual([[m.clientId, [refFor('a.png')]]]);
    expect(only(chat2, m.clientId!).status).toBe('sent');
    await chat2.destroy();
  });

  it('pickMessage keeps no upload progress and no blob: previews', () => {
    const stored = pickMessage({
      id: 'c_1',
      clientId: 'c_1',
      from: { id: 'me', role: 'user' },
      parts: [
        {
          kind: 'attachment',
          attachment: { id: 'local:x', name: 'a.png', mimeType: 'image/png', size: 3, thumbnailUrl: 'blob:https://x/1' },
        },
      ],
      createdAt: '2024-01-01T00:00:00Z',
      status: 'sending',
      upload: { loaded: 1, total: 3 },
    });
    expect(stored).toEqual({
      id: 'c_1',
      clientId: 'c_1',
      from: { id: 'me', role: 'user' },
      parts: [{ kind: 'attachment', attachment: { id: 'local:x', name: 'a.png', mimeType: 'image/png', size: 3 } }],
      createdAt: '2024-01-01T00:00:00Z',
      status: 'failed',
      error: { code: 'upload_interrupted', message: 'The file upload was interrupted: attach it again', retryable: false },
    });
  });
});
