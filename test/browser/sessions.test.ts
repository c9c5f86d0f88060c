/**
 * Customer sessions in real Chromium against the reference server: the widget's `logout()` revokes
 * its token at the server (which refuses it afterwards) and deletes what it saved; a change of
 * signed-in user on the same browser revokes the previous user's session and wipes their data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/app';
import { Customer } from '../server/customer';
import { launchBrowser, watchPage } from './helpers/browser';
import { startShift } from './helpers/console';
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
    identitySecret: 'browser-sessions',
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
    logout(): Promise<void>;
  };
};

function url(user?: string): string {
  const q = new URLSearchParams({ ws: server.wsUrl });
  if (user) {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    q.set('user', user);
    q.set('hash', server.signIdentity(user, exp));
    q.set('exp', String(exp));
  }
  return `${pages.url}/test/browser/fixtures/session.html?${q}`;
}

async function online(page: Page): Promise<string> {
  await page.waitForFunction(() => (window as unknown as W).__chat.state.connection.value === 'online', undefined, { timeout: 15_000 });
  return page.evaluate(() => (window as unknown as W).__chat.chat.transport.snapshot().sessionToken ?? '');
}

async function sendAndWait(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => (window as unknown as W).__chat.send(t), text);
  await expect
    .poll(() =>
      page.evaluate(
        (t) => (window as unknown as W).__chat.state.messages.value.find((m) => m.parts.some((p) => p.text === t))?.status,
        text,
      ),
    )
    .toMatch(/sent|delivered|read/);
}

const texts = (page: Page) =>
  page.evaluate(() => (window as unknown as W).__chat.state.messages.value.flatMap((m) => m.parts.map((p) => p.text ?? '')));
const status = async (token: string) =>
  (await fetch(`${server.url}/swp/v1/conversations`, { headers: { Authorization: `Bearer ${token}` } })).status;

/** Stored keys (IndexedDB and localStorage) of the widget's namespace for `user`. */
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

describe('customer sessions in Chromium', () => {
  it('logout() revokes the token at the server and the next visit starts afresh, without the old history', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(url());
    const token = await online(page);
    expect(token).not.toBe('');
    await sendAndWait(page, 'my card is blocked');
    expect(await status(token)).toBe(200);

    await page.evaluate(() => (window as unknown as W).__chat.logout());
    expect(await status(token)).toBe(401);

    await page.reload();
    const next = await online(page);
    expect(next).not.toBe(token);
    // online() waits for the connection, which comes after the restore: a kept history would show.
    expect(await texts(page)).not.toContain('my card is blocked');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('a change of signed-in user on the same browser revokes the previous session and wipes its data', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url('alice'));
    const alice = await online(page);
    await sendAndWait(page, 'alice private question');
    await expect.poll(async () => (await keysOf(page, 'alice')).length).toBeGreaterThan(0);
    await page.goto(url('bob'));
    const bob = await online(page);
    expect(bob).not.toBe(alice);
    await expect.poll(() => status(alice), { timeout: 10_000 }).toBe(401);
    expect(await status(bob)).toBe(200);
    expect(await texts(page)).not.toContain('alice private question');
    // Nothing of alice's is left on this browser: her keys in IndexedDB (and localStorage) are gone.
    await expect.poll(() => keysOf(page, 'alice'), { timeout: 10_000 }).toEqual([]);
    await context.close();
  });

  it("the console marks the signed-in customer's id as verified by the signature and what they typed as provided by them", async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const customer = await Customer.connect(server, {
      user: { id: 'u-42', hash: server.signIdentity('u-42', exp), hashExpires: exp, name: 'Maria', email: 'maria@bank.example' },
    });
    await customer.c.request({ t: 'handoff.request', conversationId: customer.welcome.conversationId, topic: 'cards' });
    const context = await browser.newContext();
    const console_ = await context.newPage();
    await startShift(console_, server.consoleUrl, { name: 'Anna', role: 'supervisor' });
    const rows = console_.locator('#list-waiting button');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await rows.first().click();
    await expect.poll(() => console_.locator('#ctx-name').innerText(), { timeout: 10_000 }).toMatch(/Maria\s+provided by the customer/);
    const fields = await console_.locator('#ctx-fields').innerText();
    expect(fields).toMatch(/maria@bank\.example\s+provided by the customer/);
    expect(fields).toMatch(/u-42\s+verified by signature/);
    await context.close();
    await customer.c.close();
  });
});
