// A Vue 3 app built with Vite using support-chat/vue's composable against the reference server,
// in real headless Chromium: one working widget (one host element, one WebSocket, multi-tab on), a
// reactive title applied with update(), a remount that gets a fresh transport, and unmounting
// removes the widget and its connection. Needs `npm run build`.
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { rememberServer } from '../helpers/operator-accounts';
import { launchBrowser, watchPage } from '../browser/helpers/browser';
import { countSockets, expectOneWorkingWidget, openSockets, serveApp } from './framework-page';
import { buildApp, requireBuild } from './vite-app';

const APP = `import { createApp, defineComponent, h, ref } from 'vue';
import { useSupportChat } from 'support-chat/vue';
import { createWebSocketTransport } from 'support-chat/websocket';
const url = new URLSearchParams(location.search).get('ws');
window.__made = 0;
const title = ref('Vue app');
window.__setTitle = (t) => { title.value = t; };
const Chat = defineComponent({
  setup() {
    const chat = useSupportChat(() => ({
      transport: () => (window.__made++, createWebSocketTransport({ url })),
      locale: 'en',
      title: title.value,
    }));
    window.__chatRef = chat;
    return () => h('p', null, chat.value ? 'mounted' : 'not yet');
  },
});
const shown = ref(true);
window.__show = (v) => { shown.value = v; };
Object.defineProperty(window, '__chat', { get: () => window.__chatRef?.value ?? null });
createApp({ render: () => (shown.value ? h(Chat) : null) }).mount('#root');
`;

let browser: Browser;
let server: Server;
let url: string;
let chat: RunningServer;

beforeAll(async () => {
  requireBuild();
  const app = await buildApp(APP, { deps: ['vue'] });
  ({ server, url } = await serveApp(app));
  chat = await startServer({
    port: 0,
    dataDir: ':memory:',
    logLevel: 'silent',
    botDelayMs: 0,
    verification: false,
    operatorHours: 'always',
  }).then(rememberServer);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await chat?.close();
  await new Promise((resolve) => server?.close(resolve));
});

type W = { __show(v: boolean): void; __setTitle(t: string): void; __made: number };

describe('a Vue app with support-chat/vue', () => {
  it('one working widget; a reactive title; a remount gets a fresh transport; unmount removes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const watch = watchPage(page);
    await countSockets(page);
    await page.goto(`${url}?${new URLSearchParams({ ws: chat.wsUrl })}`);
    await expectOneWorkingWidget(page, 'hello from vue');
    await page.evaluate(() => (window as unknown as W).__setTitle('Billing'));
    await expect.poll(() => page.locator('support-chat-host').getByText('Billing').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await openSockets(page)).toBe(1);

    // Unmount and mount again at once (a route change): still exactly one working widget.
    await page.evaluate(() => {
      const w = window as unknown as W;
      w.__show(false);
      queueMicrotask(() => w.__show(true));
    });
    await expect.poll(() => page.evaluate(() => (window as unknown as W).__made), { timeout: 10_000 }).toBe(2);
    await expectOneWorkingWidget(page, 'hello again');

    await page.evaluate(() => (window as unknown as W).__show(false));
    await expect.poll(() => page.locator('support-chat-host').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => openSockets(page), { timeout: 15_000 }).toBe(0);
    expect(watch.errors).toEqual([]);
    await page.close();
  });
});
