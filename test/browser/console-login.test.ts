/**
 * The console's sign-in in real Chromium against the reference server: the demo server names its
 * demo accounts on the sign-in page; a wrong password is refused on the form; signing in shows the
 * shift and who is signed in; a reload stays signed in through the HttpOnly cookie (script sees no
 * cookie and no password is stored); "Sign out" ends the session, and the old cookie opens nothing.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../server/app';
import { launchBrowser, watchPage } from './helpers/browser';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer({
    port: 0,
    dataDir: ':memory:',
    logLevel: 'silent',
    botDelayMs: 0,
    demo: true,
    demoAccounts: [{ username: 'demo-supervisor', password: 'demo-supervisor-pass', role: 'supervisor', displayName: 'Sergey' }],
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('console sign-in', () => {
  it('demo accounts named; wrong password refused; reload keeps the session; Sign out ends it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await page.goto(server.consoleUrl);
    const demo = page.locator('#login-demo');
    await expect.poll(() => demo.innerText(), { timeout: 10_000 }).toContain('demo-supervisor / demo-supervisor-pass');

    await page.fill('#login-username', 'demo-supervisor');
    await page.fill('#login-password', 'not-the-password');
    await page.locator('#login-submit').click();
    await expect.poll(() => page.locator('#login-error').innerText(), { timeout: 10_000 }).toBe('Wrong username or password.');
    expect(await page.locator('#app').isHidden()).toBe(true);

    await page.fill('#login-password', 'demo-supervisor-pass');
    await page.locator('#login-submit').click();
    await page.locator('#app').waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => page.locator('#who').innerText()).toBe('Signed in as Sergey (supervisor)');
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }) + document.cookie);
    expect(stored).not.toContain('demo-supervisor-pass');
    expect(stored).not.toContain('swp_operator');

    await page.reload();
    await page.locator('#app').waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => page.locator('#status').innerText(), { timeout: 10_000 }).toMatch(/^Online/);
    const cookie = (await context.cookies()).find((c) => c.name === 'swp_operator');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#login').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.locator('#login-error').innerText()).toBe('You signed out.');
    const me = await fetch(`${server.url}/swp/v1/operator/me`, { headers: { Cookie: `swp_operator=${cookie!.value}` } });
    expect(await me.json()).toEqual({ operator: null });
    await page.reload();
    await page.locator('#login').waitFor({ state: 'visible', timeout: 10_000 });
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    await context.close();
  });
});
