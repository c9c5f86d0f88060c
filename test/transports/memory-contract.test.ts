/**
 * The cases of the SWP conformance suite (conformance.ts) that do not need the reference server,
 * run against the emulator: it must keep the Transport contract the way a real backend does.
 */
import { describe, expect, it } from 'vitest';
import type { IncomingMessage, TransportEvent } from '../../src/core/transport';
import { createMemoryTransport, type MemoryTransportOptions } from '../../src/transports/memory';
import { ctx, messages, settle } from './memory-helpers';

async function client(options: MemoryTransportOptions = {}, resume?: Parameters<typeof ctx>[0]) {
  const transport = createMemoryTransport({ replyDelayMs: 0, queueStepMs: 0, ...options });
  const events: TransportEvent[] = [];
  transport.on((e) => events.push(e));
  const session = await transport.connect(ctx(resume));
  await settle();
  return { transport, events, session, statuses: () => events.flatMap((e) => (e.type === 'status' ? [e.status] : [])) };
}

describe('memory transport: the transport contract (conformance cases without a server)', () => {
  it('connects: online, a session, capabilities, and the bot greeting as a message with seq', async () => {
    const c = await client();
    expect(c.session).toMatchObject({ sessionToken: expect.any(String), conversationId: expect.any(String) });
    expect(c.statuses()).toEqual(['connecting', 'online']);
    const greeting = messages(c.events).find((m) => m.from.role === 'bot');
    expect(greeting).toMatchObject({ conversationId: c.session.conversationId, seq: 1 });
    expect(c.transport.capabilities).toMatchObject({
      realtime: true,
      history: 'backward',
      idempotentSend: true,
      attachments: { maxBytes: expect.any(Number) },
    });
    expect(c.events.some((e) => e.type === 'capabilities')).toBe(true);
  });

  it('send: acked with ids; the same clientId twice gives the same message once', async () => {
    const c = await client();
    const receipt = await c.transport.send({ clientId: 'c1', text: 'Hello there' });
    expect(receipt).toMatchObject({ clientId: 'c1', id: expect.any(String), seq: expect.any(Number), createdAt: expect.any(String) });
    expect(messages(c.events).find((m) => m.clientId === 'c1')).toMatchObject({ id: receipt.id, seq: receipt.seq, from: { role: 'user' } });
    expect(await c.transport.send({ clientId: 'c1', text: 'Hello there' })).toEqual(receipt);
    const page = await c.transport.fetchHistory({ limit: 100 });
    expect(page.messages.filter((m) => m.clientId === 'c1')).toHaveLength(1);
  });

  it('a quick reply is answered by the bot', async () => {
    const c = await client();
    const action = messages(c.events).at(-1)!.quickReplies![0]!;
    expect(action).toMatchObject({ id: expect.any(String), label: expect.any(String), kind: 'postback' });
    const before = c.events.length;
    await c.transport.send({ clientId: 'c1', text: action.label, action });
    await settle();
    expect(messages(c.events.slice(before)).some((m) => m.from.role === 'bot')).toBe(true);
  });

  it('resuming: the missed messages only; a cursor past the log leads to resync and the session keeps working', async () => {
    const c = await client();
    const snap = c.transport.snapshot();
    await c.transport.send({ clientId: 'c1', text: 'hi' });
    await settle();
    await c.transport.disconnect();
    const events: TransportEvent[] = [];
    c.transport.on((e) => events.push(e));
    await c.transport.connect(ctx({ resume: snap }));
    const seqs = messages(events).map((m) => m.seq!);
    expect(seqs.length).toBeGreaterThan(0);
    expect(seqs.every((s) => s > Number(snap.cursor))).toBe(true);
    await c.transport.disconnect();
    const ahead: TransportEvent[] = [];
    c.transport.on((e) => ahead.push(e));
    await c.transport.connect(ctx({ resume: { ...snap, cursor: '999999' } }));
    expect(ahead.some((e) => e.type === 'resync')).toBe(true);
    await expect(c.transport.send({ clientId: 'c2', text: 'still here' })).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('history pages backwards until hasMore is false', async () => {
    const c = await client();
    for (let i = 0; i < 4; i++) await c.transport.send({ clientId: `c${i}`, text: `message ${i}` });
    await settle();
    const all = await c.transport.fetchHistory({ limit: 100 });
    expect(all.hasMore).toBe(false);
    const pages: IncomingMessage[][] = [];
    let before: string | undefined;
    for (let guard = 0; guard < 50; guard++) {
      const page = await c.transport.fetchHistory({ limit: 2, ...(before ? { before } : {}) });
      pages.push(page.messages);
      if (!page.hasMore) break;
      before = page.before;
    }
    expect(
      pages
        .reverse()
        .flat()
        .map((m) => m.seq),
    ).toEqual(all.messages.map((m) => m.seq));
    expect(all.messages.length).toBeGreaterThanOrEqual(8);
  });

  it('uploads a file with progress; an aborted upload rejects as closed', async () => {
    const c = await client();
    const progress: number[] = [];
    const file = Object.assign(new Blob(['notes\n'.repeat(50)], { type: 'text/plain' }), { name: 'notes.txt' });
    const ref = await c.transport.upload(file, { onProgress: (p) => progress.push(p.loaded / p.total) });
    expect(ref).toMatchObject({ id: expect.any(String), name: 'notes.txt', mimeType: 'text/plain', size: file.size });
    expect(progress.at(-1)).toBe(1);
    const controller = new AbortController();
    const pending = c.transport.upload(Object.assign(new Blob(['x'], { type: 'application/pdf' }), { name: 'a.pdf' }), {
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'closed', retryable: false });
  });

  it('disconnect: status idle, nothing delivered afterwards, sends reject with network', async () => {
    const c = await client({ replyDelayMs: 20 });
    await c.transport.send({ clientId: 'c1', text: 'hello' });
    await c.transport.disconnect();
    expect(c.statuses().at(-1)).toBe('idle');
    const after = c.events.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(c.events.length).toBe(after);
    await expect(c.transport.send({ clientId: 'c2', text: 'after disconnect' })).rejects.toMatchObject({ code: 'network' });
  });
});
