// A React app built with Vite (development build, so StrictMode mounts, unmounts and mounts again)
// using support-chat/react against the reference server, in real headless Chromium: the hook and
// the component each leave exactly one working widget (one host element, one WebSocket, with
// multi-tab on), a new title is applied with update(), and unmounting removes the widget and its
// connection. Needs `npm run build` (scripts/test-all.mjs runs this after the build).
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { rememberServer } from '../helpers/operator-accounts';
import { launchBrowser, watchPage } from '../browser/helpers/browser';
import { countSockets, expectOneWorkingWidget, openSockets, serveApp } from './framework-page';
import { buildApp, requireBuild } from './vite-app';

const APP = `import { StrictMode, createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { SupportChat, useSupportChat } from 'support-chat/react';
import { createWebSocketTransport } from 'support-chat/websocket';
const q = new URLSearchParams(location.search);
const url = q.get('ws');
window.__made = 0;
const transport = () => (window.__made++, createWebSocketTransport({ url }));
function WithHook() {
  const [title, setTitle] = useState('React hook');
  const [user, setUser] = useState(undefined);
  window.__setTitle = setTitle;
  window.__setUser = setUser;
  window.__chat = useSupportChat({ transport, locale: 'en', title, ...(user ? { user } : {}) });
  return h('p', null, 'hook');
}
function WithComponent() {
  return h(SupportChat, { transport, locale: 'en', title: 'React component', onWidget: (c) => { window.__chat = c; } });
}
function App() {
  const [shown, setShown] = useState(true);
  window.__unmount = () => setShown(false);
  return shown ? h(q.get('mode') === 'component' ? WithComponent : WithHook) : null;
}
createRoot(document.getElementById('root')).render(h(StrictMode, null, h(App)));
`;

let browser: Browser;
let server: Server;
let url: string;
let chat: RunningServer;

beforeAll(async () => {
  requireBuild();
  const app = await buildApp(APP, { deps: ['react', 'react-dom', 'scheduler'], development: true });
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

type W = {
  __unmount(): void;
  __setTitle(t: string): void;
  __setUser(u: object): void;
  __made: number;
  __chat: { chat: { transport: { snapshot(): { sessionToken?: string } } }; state: { connection: { value: string } } };
};
const token = (page: Page) => page.evaluate(() => (window as unknown as W).__chat.chat.transport.snapshot().sessionToken ?? '');

describe('a React app in StrictMode with support-chat/react', () => {
  for (const mode of ['hook', 'component'] as const) {
    it(`${mode}: one working widget after the double mount; unmount removes it`, async () => {
      const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
      const watch = watchPage(page);
      await countSockets(page);
      await page.goto(`${url}?${new URLSearchParams({ ws: chat.wsUrl, mode })}`);
      await expectOneWorkingWidget(page, `hello from the ${mode}`);
      // StrictMode did mount twice: the factory made a transport for each mount.
      expect(await page.evaluate(() => (window as unknown as W).__made)).toBe(2);
      if (mode === 'hook') {
        await page.evaluate(() => (window as unknown as W).__setTitle('Billing'));
        await expect.poll(() => page.locator('support-chat-host').getByText('Billing').count(), { timeout: 10_000 }).toBeGreaterThan(0);
        expect(await openSockets(page)).toBe(1);
        // A signed user in the props: identify() on the same widget, the visitor's session revoked.
        const visitor = await token(page);
        const expires = Math.floor(Date.now() / 1000) + 3600;
        const user = { id: 'u-7', name: 'Ann', hash: chat.signIdentity('u-7', expires), hashExpires: expires };
        await page.evaluate((u) => (window as unknown as W).__setUser(u), user);
        await expect.poll(() => token(page), { timeout: 15_000 }).not.toBe(visitor);
        await page.waitForFunction(() => (window as unknown as W).__chat.state.connection.value === 'online', undefined, {
          timeout: 15_000,
        });
        const status = await fetch(`${chat.url}/swp/v1/conversations`, { headers: { Authorization: `Bearer ${visitor}` } });
        expect(status.status).toBe(401);
        expect(await page.locator('support-chat-host').count()).toBe(1);
        await expect.poll(() => openSockets(page), { timeout: 15_000 }).toBe(1);
      }
      await page.evaluate(() => (window as unknown as W).__unmount());
      await expect.poll(() => page.locator('support-chat-host').count(), { timeout: 10_000 }).toBe(0);
      await expect.poll(() => openSockets(page), { timeout: 15_000 }).toBe(0);
      expect(watch.errors).toEqual([]);
      await page.close();
    });
  }
});
