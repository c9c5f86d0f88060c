/**
 * `SupportChat('identify', user, signature)` in real Chromium against the reference server: a
 * visitor signs in, then another user takes over, on the same widget the page booted: each time the
 * previous session is revoked at the server (its token refused), the previous person's saved data
 * is deleted, and the widget reconnects as the new user with one host element and one WebSocket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/app';
import { launchBrowser, watchPage } from './helpers/browser';
import { startStaticServer, type StaticServer } from './helpers/static-server';
import { rememberServer } from '../helpers/operator-accounts';

let browser: Browser;
let pages: StaticServer;
let server: RunningServer;

beforeAll(async () => {
  pages = await startStaticServer();
  server = await startServer({
    port: 0,
    dataDir: ':memory:',
    logLevel: 'silent',
    botDelayMs: 0,
    identitySecret: 'browser-identify',
    verification: false,
    operatorHours: 'always',
  }).then(rememberServer);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await pages?.close();
});

type W = {
  __chat: {
    state: { connection: { value: string }; messages: { value: Array<{ status: string; parts: Array<{ text?: string }> }> } };
    chat: { transport: { snapshot(): { sessionToken?: string } } };
    send(text: string): unknown;
  };
  __sockets: number;
  SupportChat: (command: string, ...args: unknown[]) => unknown;
};

async function online(page: Page): Promise<string> {
  await page.waitForFunction(() => (window as unknown as W).__chat.state.connection.value === 'online', undefined, { timeout: 15_000 });
  return page.evaluate(() => (window as unknown as W).__chat.chat.transport.snapshot().sessionToken ?? '');
}

async function sendAndWait(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => (window as unknown as W).__chat.send(t), text);
  await expect
    .poll(
      () =>
        page.evaluate(
          (t) => (window as unknown as W).__chat.state.messages.value.find((m) => m.parts.some((p) => p.text === t))?.status,
          text,
        ),
      { timeout: 15_000 },
    )
    .toMatch(/sent|delivered|read/);
}

const texts = (page: Page) =>
  page.evaluate(() => (window as unknown as W).__chat.state.messages.value.flatMap((m) => m.parts.map((p) => p.text ?? '')));
/** The conversations of the session behind `token`, by id. */
async function conversationIds(token: string): Promise<string[]> {
  const res = await fetch(`${server.url}/swp/v1/conversations`, { headers: { Authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { conversations: Array<{ id: string }> };
  return body.conversations.map((c) => c.id);
}
const status = async (token: string) =>
  (await fetch(`${server.url}/swp/v1/conversations`, { headers: { Authorization: `Bearer ${token}` } })).status;

/** localStorage and IndexedDB keys of the widget's namespace for `user`. */
function keysOf(page: Page, user: string): Promise<string[]> {
  return page.evaluate(
    (user) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('support-chat', 1);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('kv', 'readonly').objectStore('kv').getAllKeys();
          all.onsuccess = () => {
            const keys = [...all.result.map(String), ...Object.keys(localStorage)];
            open.result.close();
            resolve(keys.filter((k) => k.includes(`:${user}:`)));
          };
        };
      }),
    user,
  );
}

function identify(page: Page, id: string, name: string): Promise<void> {
  const expires = Math.floor(Date.now() / 1000) + 3600;
  const signature = { hash: server.signIdentity(id, expires), expires };
  return page.evaluate(([user, sig]) => (window as unknown as W).SupportChat('identify', user, sig) as Promise<void>, [
    { id, name },
    signature,
  ] as const);
}

describe('identify() in Chromium', () => {
  it('signs a visitor in and then switches users on the same widget, revoking and wiping the previous one', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    // Counts the page's sockets that are not closed yet.
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
    await page.goto(`${pages.url}/test/browser/fixtures/identify.html?${new URLSearchParams({ ws: server.wsUrl })}`);
    const visitor = await online(page);
    await sendAndWait(page, 'visitor question');
    await expect.poll(async () => (await keysOf(page, 'anon')).length).toBeGreaterThan(0);

    await identify(page, 'alice', 'Alice');
    const alice = await online(page);
    expect(alice).not.toBe(visitor);
    expect(await status(visitor)).toBe(401);
    expect(await status(alice)).toBe(200);
    expect(await texts(page)).not.toContain('visitor question');
    await expect.poll(() => keysOf(page, 'anon'), { timeout: 10_000 }).toEqual([]);
    await sendAndWait(page, 'alice private question');
    await expect.poll(async () => (await keysOf(page, 'alice')).length).toBeGreaterThan(0);

    await identify(page, 'bob', 'Bob');
    const bob = await online(page);
    expect(await status(alice)).toBe(401);
    expect(await status(bob)).toBe(200);
    expect(await texts(page)).not.toContain('alice private question');
    await expect.poll(() => keysOf(page, 'alice'), { timeout: 10_000 }).toEqual([]);
    await sendAndWait(page, 'bob question');

    expect(await page.locator('support-chat-host').count()).toBe(1);
    // The previous people's sockets are closed: one connection is left.
    await expect.poll(() => page.evaluate(() => (window as unknown as W).__sockets), { timeout: 10_000 }).toBe(1);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it("another open tab lets go of the previous person's conversation when one tab signs in", async () => {
    const context = await browser.newContext();
    const url = `${pages.url}/test/browser/fixtures/identify.html?${new URLSearchParams({ ws: server.wsUrl })}`;
    const first = await context.newPage();
    const second = await context.newPage();
    const watch = [watchPage(first), watchPage(second)];
    await first.goto(url);
    const visitor = await online(first);
    await sendAndWait(first, 'visitor question in a shared session');
    await second.goto(url);
    await online(second);
    // Both tabs show the same visitor conversation.
    await expect.poll(() => texts(second), { timeout: 15_000 }).toContain('visitor question in a shared session');

    await identify(first, 'carol', 'Carol');
    const carol = await online(first);
    expect(await status(visitor)).toBe(401);
    // The other tab drops the previous conversation from memory at once and goes on as a new
    // visitor: it does not end Carol's session nor take the device back.
    await expect.poll(() => texts(second), { timeout: 15_000 }).not.toContain('visitor question in a shared session');
    const fresh = await online(second);
    expect([visitor, carol]).not.toContain(fresh);
    expect(await status(carol)).toBe(200);
    await sendAndWait(first, 'carol question');
    expect(await texts(second)).not.toContain('carol question');
    expect(await second.locator('support-chat-host').count()).toBe(1);
    for (const w of watch) expect(w.errors).toEqual([]);
    await context.close();
  });

  it('a tab left open for the previous user neither shows their conversation nor signs them back in', async () => {
    const context = await browser.newContext();
    const expires = Math.floor(Date.now() / 1000) + 3600;
    const url = `${pages.url}/test/browser/fixtures/identify.html?${new URLSearchParams({
      ws: server.wsUrl,
      user: 'dave',
      hash: server.signIdentity('dave', expires),
      expires: String(expires),
    })}`;
    const first = await context.newPage();
    const second = await context.newPage();
    const watch = [watchPage(first), watchPage(second)];
    await first.goto(url);
    const dave = await online(first);
    await sendAndWait(first, 'dave private question');
    const daveConversations = await conversationIds(dave);
    await second.goto(url);
    await online(second);
    await expect.poll(() => texts(second), { timeout: 15_000 }).toContain('dave private question');

    // Dave's tab 1 becomes Erin's: tab 2 must not reconnect as Dave with his still-valid signature.
    await identify(first, 'erin', 'Erin');
    await online(first);
    expect(await status(dave)).toBe(401);
    // Tab 2 drops Dave's conversation and goes on as a new visitor (with no identity of its own).
    await expect.poll(() => online(second), { timeout: 15_000 }).not.toBe(dave);
    const ids = await conversationIds(await online(second));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of daveConversations) expect(ids).not.toContain(id);
    expect(await texts(second)).not.toContain('dave private question');
    for (const w of watch) expect(w.errors).toEqual([]);
    await context.close();
  });
});
