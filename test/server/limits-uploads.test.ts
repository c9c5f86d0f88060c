/**
 * Uploads are streamed: the size limit and the type check apply while the bytes flow (nothing of a
 * refused file stays on disk), quotas count files and bytes per session, and uploads never attached
 * to a message are deleted after the TTL while attached ones stay.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer, ServerOptions } from '../../server/app';
import type { AttachmentRef } from '../../src/core/model';
import { Customer, testServer } from './customer';
import { steadyClock } from './limit-helpers';

let server: RunningServer;
let customer: Customer;
let token: string;
let conversationId: string;
let dataDir: string;
async function start(o: ServerOptions): Promise<void> {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sc-uploads-'));
  server = await testServer({ dataDir, now: steadyClock(), verification: false, ...o });
  const r = await Customer.connect(server);
  customer = r.c;
  token = r.welcome.sessionToken;
  conversationId = r.welcome.conversationId;
}
afterEach(async () => {
  await customer.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const png = (size: number): Buffer => Buffer.concat([PNG, Buffer.alloc(size - PNG.length, 7)]);
const stored = (): string[] => readdirSync(path.join(dataDir, 'uploads'));

function upload(bytes: Buffer, name = 'f.png'): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  return fetch(`${server.url}/swp/v1/uploads`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${token}` } });
}

describe('streamed uploads', () => {
  it('a file over the limit is refused while streaming and nothing of it stays', async () => {
    await start({ limits: { maxUploadBytes: 64 * 1024 } });
    // Within the multipart allowance of Content-Length: refused by the streaming parser, not up front.
    const res = await upload(png(72 * 1024));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'too_large' });
    await expect.poll(stored, { timeout: 10_000 }).toEqual([]);
    expect((await upload(png(60 * 1024))).status).toBe(201);
    expect(stored()).toHaveLength(1);
  });

  it('text is checked past its first bytes; a character cut at the sniff boundary is fine', async () => {
    await start({});
    const bad = Buffer.concat([Buffer.from('a'.repeat(5000)), Buffer.from([0x01]), Buffer.from('tail')]);
    const refused = await upload(bad, 'notes.txt');
    expect(refused.status).toBe(415);
    await expect.poll(stored, { timeout: 10_000 }).toEqual([]);
    const cut = Buffer.from(`${'a'.repeat(4095)}ж and more text\n`);
    const ok = await upload(cut, 'notes.txt');
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ mimeType: 'text/plain', size: cut.length });
  });
});

describe('upload quotas', () => {
  it('files per session: the third in the window gets 429 with Retry-After', async () => {
    await start({ extraLimits: { uploadsPerSession: { max: 2, windowMs: 600_000 } } });
    expect((await upload(png(100))).status).toBe(201);
    expect((await upload(png(100))).status).toBe(201);
    const third = await upload(png(100));
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await third.json()).toMatchObject({ code: 'rate_limited' });
    expect(stored()).toHaveLength(2);
  });

  it('bytes per session: a file that does not fit is refused whole and removed; a smaller one still fits', async () => {
    await start({ extraLimits: { uploadBytesPerSession: { max: 10_000, windowMs: 600_000 } } });
    expect((await upload(png(6000))).status).toBe(201);
    const over = await upload(png(6000));
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(stored()).toHaveLength(1);
    expect((await upload(png(4000))).status).toBe(201);
    expect((await upload(png(100))).status).toBe(429);
  });
});

describe('the TTL of unattached uploads', () => {
  it('an upload no message used is deleted after the TTL; an attached one is kept', async () => {
    await start({ extraLimits: { uploadTtlMs: 1500 } });
    const kept = (await (await upload(png(200), 'kept.png')).json()) as AttachmentRef;
    const dropped = (await (await upload(png(200), 'dropped.png')).json()) as AttachmentRef;
    const ack = await customer.request({ t: 'send', conversationId, clientId: 'with-file', attachments: [{ id: kept.id }] });
    expect(ack.t).toBe('ack');
    await expect.poll(async () => (await fetch(dropped.url!)).status, { timeout: 15_000, interval: 200 }).toBe(404);
    expect(stored()).toEqual([kept.id]);
    expect((await fetch(kept.url!)).status).toBe(200);
  });
});
