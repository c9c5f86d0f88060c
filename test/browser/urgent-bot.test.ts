/**
 * Urgent cases in real Chromium against the reference server and its bot: "мошенники списали
 * деньги" gets the safety instruction and a one-tap priority person at once, and the tap starts the
 * handoff (the code step first, for an anonymous visitor); with nobody on shift the answer says so and
 * offers the emergency line. Over WebSocket and HTTP. Screenshots go to .tmp/shots/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import type { BotContent } from '../../server/bot/content-types';
import { launchBrowser, watchPage } from './helpers/browser';

const content = (locale: 'en' | 'ru'): BotContent =>
  JSON.parse(readFileSync(new URL(`../../server/bot/content/${locale}.json`, import.meta.url), 'utf8')) as BotContent;
const EN = content('en');
const RU = content('ru');
const SHOTS = new URL('../../.tmp/shots/', import.meta.url);

let browser: Browser;
let online: RunningServer;
let offline: RunningServer;
const base = { port: 0, dataDir: ':memory:', logLevel: 'silent', botDelayMs: 50, staticDirs: { '/': 'demo', '/dist/': 'dist' } } as const;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  online = await startServer({ ...base, operatorHours: 'always' });
  offline = await startServer({ ...base, operatorHours: 'never', emergencyPhone: '+7 800 555-35-35' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await online?.close();
  await offline?.close();
});

const handoffState = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { demoWidget: { state: { handoff: { value: { state: string } } } } }).demoWidget.state.handoff.value.state,
  );

/** Opens the widget (launcher label in either language), types `text` and presses Enter. */
async function send(page: Page, text: string): Promise<void> {
  const host = page.locator('support-chat-host');
  await host.getByRole('button', { name: /open chat|открыть чат/i }).click();
  const composer = host.locator('textarea');
  await composer.waitFor({ state: 'visible' });
  await composer.fill(text);
  await composer.press('Enter');
  await host.getByText(text, { exact: true }).first().waitFor({ state: 'visible' });
}

/** Screenshots of the current state at 1280×800 and 390×844. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: new URL(`${name}-${width}.png`, SHOTS).pathname });
  }
}

async function open(server: RunningServer, transport: string, locale: string, width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(`${server.url}/?transport=${transport}&locale=${locale}&segment=private`);
  await page.waitForFunction(() => !!(window as unknown as { demoWidget?: unknown }).demoWidget);
  return page;
}

describe.each(['websocket', 'http'])('urgent cases over %s', (transport) => {
  it('fraud: the safety instruction and a one-tap priority person, which starts the handoff', async () => {
    const page = await open(online, transport, 'ru', 1280, 800);
    const watch = watchPage(page);
    const widget = page.locator('support-chat-host');
    await send(page, 'мошеники списали деньги');
    const dialog = widget.getByRole('dialog');
    await dialog.getByText(RU.urgent.fraud!.text).waitFor({ timeout: 15_000 });
    const person = dialog.getByRole('button', { name: RU.ui.urgentPerson });
    await person.waitFor();
    if (transport === 'websocket') await shoot(page, 'urgent-fraud-ru');
    await person.click();
    await expect.poll(() => handoffState(page), { timeout: 15_000 }).toBe('verification_required');
    expect(watch.errors).toEqual([]);
    await page.context().close();
  });

  it('nobody on shift: says so honestly and offers the emergency line', async () => {
    const page = await open(offline, transport, 'en', 390, 844);
    const watch = watchPage(page);
    const widget = page.locator('support-chat-host');
    await send(page, 'my card was stolen');
    const dialog = widget.getByRole('dialog');
    await dialog.getByText(EN.urgent.card!.offlineText, { exact: false }).waitFor({ timeout: 15_000 });
    await dialog.getByRole('button', { name: EN.ui.urgentPersonOffline }).waitFor();
    await dialog.getByRole('button', { name: 'Call +7 800 555-35-35' }).waitFor();
    if (transport === 'websocket') await shoot(page, 'urgent-card-offline-en');
    expect(watch.errors).toEqual([]);
    await page.context().close();
  });
});
