// @vitest-environment happy-dom
// The XMLHttpRequest upload path (browsers), against the real reference server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadFile } from '../../src/transports/swp/upload';
import { startServer } from '../../server/app';

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server;
let token: string;
let conversationId: string;

beforeAll(async () => {
  server = await startServer({ port: 0, dataDir: ':memory:', logLevel: 'silent', operatorHours: 'always', botDelayMs: 0 });
  const response = await fetch(`${server.url}/swp/v1/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ client: { sdk: 'test', locale: 'en' } }),
  });
  const welcome = (await response.json()) as { sessionToken: string; conversationId: string };
  token = welcome.sessionToken;
  conversationId = welcome.conversationId;
});
afterAll(async () => {
  await server?.close();
});

describe('upload over XMLHttpRequest', () => {
  it('uses XHR when present and reports progress up to the full size', async () => {
    expect(typeof XMLHttpRequest).toBe('function');
    const progress: Array<{ loaded: number; total: number }> = [];
    const file = Object.assign(new Blob(['hello from xhr\n'.repeat(100)], { type: 'text/plain' }), { name: 'xhr.txt' });
    const ref = await uploadFile({
      transport: 'websocket',
      httpBase: `${server.url}/swp/v1`,
      token,
      conversationId,
      file,
      onProgress: (p) => progress.push(p),
    });
    expect(ref).toMatchObject({ name: 'xhr.txt', mimeType: 'text/plain', size: file.size });
    expect(progress.at(-1)).toEqual({ loaded: file.size, total: file.size });
  });

  it('maps HTTP errors and aborts', async () => {
    const file = Object.assign(new Blob(['x'], { type: 'text/plain' }), { name: 'x.txt' });
    const unauthorised = await uploadFile({
      transport: 'websocket',
      httpBase: `${server.url}/swp/v1`,
      token: 'nope',
      conversationId,
      file,
    }).catch((e: unknown) => e);
    expect(unauthorised).toMatchObject({ name: 'TransportError', code: 'auth', retryable: false });
    const controller = new AbortController();
    const pending = uploadFile({
      transport: 'websocket',
      httpBase: `${server.url}/swp/v1`,
      token,
      conversationId,
      file,
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'closed', retryable: false });
  });
});
