/**
 * What the framework consumer tests (React, Vue) share: the built app served over HTTP with the
 * reference server's WebSocket URL in the query, a page that counts its open WebSockets, and the
 * checks of one working widget.
 * @module
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { botRepliesAfter, openAndSend } from '../browser/helpers/chat-page';
import type { AppBuild } from './vite-app';

const HTML =
  '<!doctype html><html lang="en"><head><title>Framework consumer</title><link rel="icon" href="data:,"></head><body><div id="root"></div><script type="module" src="/main.js"></script></body></html>';

/** Serves `app` on 127.0.0.1; returns the server and its URL. */
export async function serveApp(app: AppBuild): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const js = app.files.get(path.slice(1));
    if (path === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
    else if (js !== undefined) res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

type W = { __sockets: number; __chat?: { state: { connection: { value: string } } } | null };

/** Counts the page's WebSockets that are not closed yet (`window.__sockets`). */
export async function countSockets(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    (window as unknown as W).__sockets = 0;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        (window as unknown as W).__sockets++;
        this.addEventListener('close', () => (window as unknown as W).__sockets--);
      }
    };
  });
}

export const openSockets = (page: Page) => page.evaluate(() => (window as unknown as W).__sockets);

/** One host element, one open WebSocket, and a conversation with the bot through the UI. */
export async function expectOneWorkingWidget(page: Page, text: string): Promise<void> {
  await page.waitForFunction(() => (window as unknown as W).__chat?.state.connection.value === 'online', undefined, { timeout: 30_000 });
  expect(await page.locator('support-chat-host').count()).toBe(1);
  await expect.poll(() => openSockets(page), { timeout: 15_000 }).toBe(1);
  await openAndSend(page, text);
  await expect.poll(() => botRepliesAfter(page, text, 'window.__chat'), { timeout: 30_000 }).toBeGreaterThan(0);
}
