/**
 * The host pages of the browser benchmark and the returning visitor's storage: the script tag
 * (its only hard-coded file name) and a `SupportChat('boot', …)` call, as the README's embedding
 * guide has them; the long conversation's browser fills its own cache by loading every older page
 * through the widget's API, so the storage is whatever the widget keeps, in its own format.
 * @module
 */
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../../server/app';
import { launcher, openPage, type StorageState } from './page';
import { signedUser } from './servers';

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>Host page</title></head><body><h1>A host page</h1><p>Some text of the page, a form and a picture would be here.</p>${body}</body></html>`;

/** blank.html, widget.html (a new visitor) and history.html (the signed-in user of the long conversation). */
export function hostPages(server: RunningServer, userId?: string): Map<string, string> {
  const boot = (extra: Record<string, unknown>) =>
    `<script src="/dist/support-chat.iife.js"></script><script>SupportChat('boot', ${JSON.stringify({ transport: 'websocket', url: server.wsUrl, title: 'Help', locale: 'en', ...extra })});</script>`;
  const pages = new Map<string, string>([
    ['/bench/blank.html', page('')],
    ['/bench/widget.html', page(boot({}))],
  ]);
  if (userId) pages.set('/bench/history.html', page(boot({ user: signedUser(server, userId) })));
  return pages;
}

/** Opens the long conversation in a browser, lets the widget save its history, and returns the storage. */
export async function seedCache(browser: Browser, base: string): Promise<StorageState> {
  const t0 = Date.now();
  const p = await openPage(browser, `${base}/bench/history.html`, 1);
  try {
    await launcher(p.page).hover({ timeout: 30_000 });
    // A few pages through the widget's own API, so that it saves a history in its own format.
    const held = await p.page.evaluate(`SupportChat.ready.then(async (w) => {
      const c = w.chat;
      for (let i = 0; c.state.hasMoreHistory.value && i < 3; i++) await c.loadOlder();
      return c.state.messages.value.length;
    })`);
    await p.quiet(500);
    await new Promise((r) => setTimeout(r, 3000)); // the debounced save and its IndexedDB write
    const storage = await p.context.storageState({ indexedDB: true });
    console.log(
      `the returning visitor's browser: ${held} messages loaded and saved by the widget in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    return storage;
  } finally {
    await p.close();
  }
}
