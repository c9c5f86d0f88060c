import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import type { AttachmentRef } from '../../src/core/model';
import { connectOperator } from '../helpers/operator-client';
import { Customer, testServer } from './customer';

let server: RunningServer;
let token: string;
let conversationId: string;
let customer: Customer;
beforeEach(async () => {
  server = await testServer({ limits: { maxUploadBytes: 4096 }, verification: false });
  const r = await Customer.connect(server);
  token = r.welcome.sessionToken;
  conversationId = r.welcome.conversationId;
  customer = r.c;
});
afterEach(async () => {
  await customer.close();
  await server.close();
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1');
const EXE = Buffer.from('4d5a90000300000004000000ffff0000', 'hex');

function upload(bytes: Buffer, name: string, type = 'application/octet-stream', auth = token) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return fetch(`${server.url}/swp/v1/uploads`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${auth}` } });
}

describe('uploads', () => {
  it('sniffs the type from magic bytes, not from the name or declared type', async () => {
    const res = await upload(PNG, 'holiday.pdf', 'application/pdf');
    expect(res.status).toBe(201);
    const ref = (await res.json()) as AttachmentRef;
    expect(ref).toMatchObject({ mimeType: 'image/png', name: 'holiday.pdf', size: PNG.length });
    expect(ref.id).toMatch(/^f_[A-Za-z0-9_-]{22}$/);
    const pdf = (await (await upload(PDF, 'statement.png', 'image/png')).json()) as AttachmentRef;
    expect(pdf.mimeType).toBe('application/pdf');
    const txt = (await (await upload(Buffer.from('hello\nworld\n'), 'a.txt')).json()) as AttachmentRef;
    expect(txt.mimeType).toBe('text/plain');
  });

  it('refuses unknown content with 415 unsupported_type even when it claims to be an image', async () => {
    const res = await upload(EXE, 'cat.png', 'image/png');
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await res.json()).toMatchObject({ code: 'unsupported_type' });
  });

  it('refuses files over the limit with 413 too_large', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(5000)]);
    const res = await upload(big, 'big.png');
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'too_large' });
  });

  it('needs a session token', async () => {
    const res = await upload(PNG, 'a.png', 'image/png', 'nope');
    expect(res.status).toBe(401);
  });

  it('serves files with nosniff, inline for raster images and attachment otherwise', async () => {
    const png = (await (await upload(PNG, 'a.png')).json()) as AttachmentRef;
    const pdf = (await (await upload(PDF, 'évidence "x".pdf')).json()) as AttachmentRef;
    const r1 = await fetch(png.url!);
    expect(r1.status).toBe(200);
    expect(r1.headers.get('content-type')).toBe('image/png');
    expect(r1.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r1.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(Buffer.from(await r1.arrayBuffer()).equals(PNG)).toBe(true);
    const r2 = await fetch(pdf.url!);
    expect(r2.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(r2.headers.get('content-disposition')).toContain("filename*=UTF-8''%C3%A9vidence");
    expect(r2.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${server.url}/swp/v1/files/f_${'A'.repeat(22)}`)).status).toBe(404);
  });

  it('references uploads from messages; the operator receives the attachment, others cannot reuse the id', async () => {
    const ref = (await (await upload(PNG, 'receipt.png')).json()) as AttachmentRef;
    // A supervisor: an operator sees a conversation with the bot only once it waits for a person.
    const op = await connectOperator(server.url, 'Anna', { role: 'supervisor' });
    const ack = await customer.request({
      t: 'send',
      conversationId,
      clientId: 'with-file',
      text: 'see this',
      attachments: [{ id: ref.id }],
    });
    expect(ack.t).toBe('ack');
    const ev = await op.waitFor((f) => f.t === 'event' && f.event.type === 'message' && f.event.message.clientId === 'with-file');
    expect(JSON.stringify(ev)).toContain(ref.id);
    const other = await Customer.connect(server);
    const nack = await other.c.request({
      t: 'send',
      conversationId: other.welcome.conversationId,
      clientId: 'steal',
      attachments: [{ id: ref.id }],
    });
    expect(nack).toMatchObject({ t: 'nack', error: { code: 'invalid' } });
    await other.c.close();
    // Operator files: upload with the operator token, then send to an accepted conversation.
    await customer.request({ t: 'handoff.request', conversationId });
    await op.waitForQueue((q) => q.waiting.length === 1);
    await op.accept(conversationId);
    const opFile = (await (await upload(PDF, 'form.pdf', 'application/pdf', op.uploadToken)).json()) as AttachmentRef;
    await op.send(conversationId, 'please sign', [{ id: opFile.id }]);
    const got = await customer.waitFor((f) => f.t === 'event' && f.event.type === 'message' && f.event.message.from.role === 'agent');
    expect(JSON.stringify(got)).toContain(opFile.id);
    await op.disconnect();
  });
});

describe('files on disk and as downloaded', () => {
  it('a download is saved with the extension of its sniffed type', async () => {
    const { withSniffedExtension } = await import('../../server/http/uploads');
    expect(withSniffedExtension('holiday.pdf', 'image/png')).toBe('holiday.png');
    expect(withSniffedExtension('scan', 'application/pdf')).toBe('scan.pdf');
    expect(withSniffedExtension('photo.JPEG', 'image/jpeg')).toBe('photo.JPEG');
    expect(withSniffedExtension('notes.txt', 'text/plain')).toBe('notes.txt');
    expect(withSniffedExtension('.hidden', 'text/plain')).toBe('.hidden.txt');
  });

  it('the data directory is 0700 and the database file 0600', async () => {
    const { mkdtempSync, rmSync, statSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const parent = mkdtempSync(path.join(tmpdir(), 'sc-perm-'));
    const dataDir = path.join(parent, 'data');
    const s = await testServer({ dataDir });
    try {
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(dataDir, 'uploads')).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(dataDir, 'support-chat.sqlite')).mode & 0o777).toBe(0o600);
    } finally {
      await s.close();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
