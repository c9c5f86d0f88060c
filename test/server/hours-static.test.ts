import { mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { isOpen, nextOpenAt, parseSchedule } from '../../server/hours';
import { testServer } from './customer';

describe('operator hours', () => {
  const s = parseSchedule('Mon-Fri 09:00-18:00, Sat 10:00-14:00', 'Europe/Moscow');
  it('is open inside the ranges, in the schedule’s time zone', () => {
    expect(isOpen(s, Date.UTC(2026, 0, 5, 6, 0))).toBe(true); // Mon 09:00 MSK
    expect(isOpen(s, Date.UTC(2026, 0, 5, 5, 59))).toBe(false); // Mon 08:59 MSK
    expect(isOpen(s, Date.UTC(2026, 0, 5, 15, 0))).toBe(false); // Mon 18:00 MSK
    expect(isOpen(s, Date.UTC(2026, 0, 10, 8, 0))).toBe(true); // Sat 11:00 MSK
  });
  it('finds the next opening, across weekends', () => {
    expect(nextOpenAt(s, Date.UTC(2026, 0, 5, 16, 0))).toBe(Date.UTC(2026, 0, 6, 6, 0)); // Mon evening → Tue 09:00
    expect(nextOpenAt(s, Date.UTC(2026, 0, 10, 12, 0))).toBe(Date.UTC(2026, 0, 12, 6, 0)); // Sat 15:00 → Mon 09:00
    expect(nextOpenAt(s, Date.UTC(2026, 0, 5, 7, 0))).toBeUndefined(); // open now
  });
  it('handles DST zones', () => {
    const ny = parseSchedule('Mon-Fri 09:00-17:00', 'America/New_York');
    // Sunday 2026-03-08 is the DST switch; Monday 09:00 EDT = 13:00 UTC.
    expect(nextOpenAt(ny, Date.UTC(2026, 2, 8, 12, 0))).toBe(Date.UTC(2026, 2, 9, 13, 0));
  });
  it('knows always and never, and rejects nonsense', () => {
    expect(isOpen(parseSchedule('always', 'UTC'), 0)).toBe(true);
    expect(isOpen(parseSchedule('never', 'UTC'), 0)).toBe(false);
    expect(() => parseSchedule('Funday 9-5', 'UTC')).toThrow();
    expect(() => parseSchedule('always', 'Mars/Olympus')).toThrow();
  });
});

describe('static files and console', () => {
  let server: RunningServer;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'swp-static-'));
    mkdirSync(path.join(root, 'site'));
    writeFileSync(path.join(root, 'site', 'index.html'), '<!doctype html><title>demo</title>');
    writeFileSync(path.join(root, 'site', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(root, 'secret.txt'), 'do not serve');
    symlinkSync(path.join(root, 'secret.txt'), path.join(root, 'site', 'link.txt'));
    server = await testServer({ staticDirs: { '/': path.join(root, 'site') } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  function rawGet(p: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: p, method: 'GET' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('serves files with content types and nosniff', async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await fetch(`${server.url}/app.js`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('never escapes the root (dot segments, encoded, symlinks)', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/link.txt', '/app.js%00.html']) {
      expect(await rawGet(p), p).toBe(404);
    }
  });

  it('serves the console under a strict CSP', async () => {
    const res = await fetch(server.consoleUrl);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const html = await res.text();
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    expect((await fetch(`${server.consoleUrl}/console.js`)).status).toBe(200);
  });
});
