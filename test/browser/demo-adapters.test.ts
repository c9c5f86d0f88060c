/**
 * The demo page pointed at a Chatwoot inbox and at a Rasa server from its settings, in real
 * Chromium under the page's strict CSP: the adapters' stage files load, the bot greets, a message
 * goes out once and is answered. The backends are the loopback fakes of test/transports/fakes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type RestartableServer } from '../../scripts/demo-server';
import { type ChatwootFake, startChatwootFake } from '../transports/fakes/chatwoot-fake';
import { type RasaFake, startRasaFake } from '../transports/fakes/rasa-fake';
import { launchBrowser, watchPage } from './helpers/browser';

let browser: Browser;
let demo: RestartableServer;
let chatwoot: ChatwootFake;
let rasa: RasaFake;
const dataDir = mkdtempSync(join(tmpdir(), 'sc-demo-adapters-'));

beforeAll(async () => {
  demo = await startDemoServer({
    port: 0,
    dataDir,
    logLevel: 'silent',
    operatorHours: 'always',
    staticDirs: { '/': 'demo', '/dist/': 'dist', '/demo-data/': join(dataDir, 'public') },
  });
  chatwoot = await startChatwootFake();
  rasa = await startRasaFake();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await chatwoot?.close();
  await rasa?.close();
  await demo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Msg = { clientId?: string; from: { role: string }; parts: Array<{ kind: string; text?: string }> };
type DemoWindow = { demoWidget?: { state: { messages: { value: Msg[] }; connection: { value: string } } } };
const texts = (page: Page, role: string) =>
  page.evaluate(
    (role) =>
      ((window as unknown as DemoWindow).demoWidget?.state.messages.value ?? [])
        .filter((m) => m.from.role === role)
        .map((m) => m.parts.map((p) => p.text ?? '').join(' ')),
    role,
  );

async function talk(query: Record<string, string>, greeting: string, answer: string): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const watched = watchPage(page);
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(`${demo.current.url}/?${new URLSearchParams({ locale: 'en', segment: 'private', ...query })}`);
  await page.waitForFunction(() => !!(window as unknown as DemoWindow).demoWidget);
  await page
    .locator('support-chat-host')
    .getByRole('button', { name: /open chat/i })
    .click();
  await expect.poll(() => texts(page, 'bot'), { timeout: 20_000 }).toContain(greeting);
  const composer = page.locator('support-chat-host').locator('textarea');
  await composer.fill('Where is my parcel?');
  await composer.press('Enter');
  await expect.poll(() => texts(page, 'bot'), { timeout: 20_000 }).toContain(answer);
  expect((await texts(page, 'user')).filter((t) => t === 'Where is my parcel?')).toHaveLength(1);
  const stage = query.transport === 'chatwoot' ? 'chatwoot' : 'rasa';
  expect(requested.filter((p) => p.endsWith(`/support-chat.${stage}.js`))).toHaveLength(1);
  expect(requested.some((p) => p.endsWith(`/support-chat.${stage === 'rasa' ? 'chatwoot' : 'rasa'}.js`))).toBe(false);
  expect(watched.errors).toEqual([]);
  // The widget reported no error (an unsupported call, a failed stage): the page's status line says so.
  expect(await page.locator('#status').textContent()).not.toMatch(/^Error/);
  await context.close();
}

describe('the demo page connects to a backend given in its settings', () => {
  it('a Chatwoot inbox', async () => {
    await talk(
      { transport: 'chatwoot', backendUrl: chatwoot.url, inbox: chatwoot.inbox },
      'Hi! What can I do for you?',
      'You wrote: Where is my parcel?',
    );
  });
  it.each(['rasa-rest', 'rasa-socketio'])('a Rasa server (%s)', async (transport) => {
    await talk({ transport, backendUrl: rasa.url }, 'Hi! I am the demo bot.', 'You said: Where is my parcel?');
  });
});
