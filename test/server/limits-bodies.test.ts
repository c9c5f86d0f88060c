/**
 * Request bodies end in time (real sockets sending half a body): a stalled body and a body that
 * trickles past the total timeout are answered 408 and their sockets closed, JSON and uploads alike,
 * many at once.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { testServer } from './customer';

let server: RunningServer;
const dataDir = mkdtempSync(path.join(tmpdir(), 'sc-bodies-'));
beforeAll(async () => {
  server = await testServer({ dataDir, extraLimits: { bodyIdleTimeoutMs: 2000, bodyTotalTimeoutMs: 4000 } });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A raw HTTP request whose body is never finished; resolves with what the server sent once it closed the socket. */
function halfSent(head: string, firstPart: string, trickle?: { everyMs: number }): { done: Promise<string>; socket: Socket } {
  const socket = connect(server.port, '127.0.0.1');
  let got = '';
  let timer: ReturnType<typeof setInterval> | undefined;
  const done = new Promise<string>((resolve) => {
    socket.on('data', (d) => (got += String(d)));
    socket.on('close', () => {
      clearInterval(timer);
      resolve(got);
    });
    socket.on('error', () => undefined);
  });
  socket.write(head + firstPart);
  if (trickle) timer = setInterval(() => socket.writable && socket.write('x'), trickle.everyMs);
  return { done, socket };
}

const json = (length: number) =>
  `POST /swp/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

describe('request body timeouts', () => {
  it('a stalled JSON body: 408 and the socket closed', async () => {
    const started = Date.now();
    const { done } = halfSent(json(200), '{"client":');
    const answer = await done;
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toMatch(/connection: close/i);
    expect(answer).toContain('"code":"timeout"');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a body that keeps trickling is cut at the total timeout', async () => {
    const started = Date.now();
    const { done } = halfSent(json(60_000), '{"client":', { everyMs: 100 });
    const answer = await done;
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    // Each byte came well within the idle timeout: only the total one can have ended it.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3900);
  });

  it('a half-sent upload: 408, the socket closed, nothing stored', async () => {
    const res = await fetch(`${server.url}/swp/v1/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client: { sdk: 'test', locale: 'en' } }),
    });
    const { sessionToken } = (await res.json()) as { sessionToken: string };
    const boundary = 'XyZ';
    const head =
      `POST /swp/v1/uploads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${sessionToken}\r\n` +
      `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 5000\r\n\r\n`;
    const { done } = halfSent(head, `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello`);
    expect(await done).toMatch(/^HTTP\/1\.1 408 /);
    await expect.poll(() => readdirSync(path.join(dataDir, 'uploads')), { timeout: 5000 }).toEqual([]);
  });

  it('100 half-sent bodies at once are all dropped', async () => {
    const all = Array.from({ length: 100 }, () => halfSent(json(500), '{"cli'));
    const answers = await Promise.all(all.map((h) => h.done));
    expect(answers.filter((a) => /^HTTP\/1\.1 408 /.test(a))).toHaveLength(100);
  });
});
