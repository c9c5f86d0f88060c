// The whole widget as a Vite app builds it from the package (tree-shaken through `sideEffects`),
// running in real headless Chromium: it mounts, a person chats with the memory bot, destroy()
// leaves nothing. Needs `npm run build` (scripts/test-all.mjs runs this after the build).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchPage } from '../browser/helpers/browser';
import { botRepliesAfter, openAndSend } from '../browser/helpers/chat-page';
import { buildApp, requireBuild } from './vite-app';

const APP = `import { createSupportChat } from 'support-chat';
import { createMemoryTransport } from 'support-chat/memory';
window.__chat = createSupportChat({ transport: createMemoryTransport({ replyDelayMs: 50 }), title: 'Vite app', locale: 'en' });
`;
const HTML =
  '<!doctype html><html lang="en"><head><title>Vite consumer</title><link rel="icon" href="data:,"></head><body><script type="module" src="/main.js"></script></body></html>';

let browser: Browser;
let server: Server;
let url: string;

beforeAll(async () => {
  requireBuild();
  const app = await buildApp(APP);
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const js = app.files.get(path.slice(1));
    if (path === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
    else if (js !== undefined) res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('a Vite app with the whole widget', () => {
  it('mounts, chats with the memory bot and destroys cleanly', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const watch = watchPage(page);
    await page.goto(url);
    await page.waitForFunction(() => !!(window as unknown as { __chat?: unknown }).__chat, undefined, { timeout: 30_000 });
    await openAndSend(page, 'hello');
    await expect.poll(() => botRepliesAfter(page, 'hello', 'window.__chat'), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.evaluate(() => (window as unknown as { __chat: { destroy(): Promise<void> } }).__chat.destroy());
    expect(await page.locator('support-chat-host').count()).toBe(0);
    expect(watch.errors).toEqual([]);
    await page.close();
  });
});
