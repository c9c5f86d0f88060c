/**
 * Closed tabs lose nothing, in real Chromium: tab B sends while the network is down and is
 * closed; tab A stays open and idle (nothing typed, nothing saved); when the network heals, A
 * shows B's message and the server stores it exactly once.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connectOperator } from '../helpers/operator-client';
import { watchPage } from './helpers/browser';
import { useReferenceServerAndBrowser } from './helpers/setup';

const rig = useReferenceServerAndBrowser();

type Msg = { clientId?: string; seq?: number; status: string; from: { role: string }; parts: Array<{ kind: string; text?: string }> };
type Handle = {
  chat: {
    send(t: string): Msg | null;
    state: { messages: { value: Msg[] }; connection: { value: string } };
    chat: { transport: { snapshot(): { conversationId?: string } } };
  };
};

const copies = (page: Page, text: string) =>
  page.evaluate(
    (text) =>
      (window as unknown as Handle).chat.state.messages.value
        .filter((m) => m.parts.some((p) => p.text === text))
        .map((m) => ({ clientId: m.clientId, status: m.status, seq: m.seq })),
    text,
  );
const connection = (page: Page) => page.evaluate(() => (window as unknown as Handle).chat.state.connection.value);

describe('closed tabs (one browser context, two tabs)', () => {
  // B as a follower (A holds the connection), then B as the leader (its lock passes to A).
  it.each(['follower', 'leader'] as const)(
    "a closed %s tab's unsent message is sent by the idle tab that stays, once, with its clientId",
    async (role) => {
      const context = await rig.browser.newContext();
      const url = `${rig.server.url}/fixtures/multi-tab.html`;
      const a = await context.newPage();
      const b = await context.newPage();
      const watchA = watchPage(a);
      for (const page of role === 'follower' ? [a, b] : [b, a]) {
        await page.goto(url);
        await expect.poll(() => connection(page), { timeout: 15_000 }).toBe('online');
      }
      const conversationId = await a.evaluate(() => (window as unknown as Handle).chat.chat.transport.snapshot().conversationId);
      expect(conversationId).toBeTruthy();

      await context.setOffline(true);
      await expect.poll(() => connection(b), { timeout: 5000 }).toBe('offline');
      const text = `typed in ${role} tab B, which then closed`;
      const clientId = await b.evaluate((t) => (window as unknown as Handle).chat.send(t)?.clientId, text);
      expect(clientId).toBeTruthy();
      expect(await copies(b, text)).toEqual([expect.objectContaining({ status: 'queued' })]);
      await b.close();

      await context.setOffline(false);
      const healedAt = Date.now();
      // A, untouched since it loaded, shows the message as sent within 10 s.
      await expect
        .poll(() => copies(a, text), { timeout: 10_000, interval: 200 })
        .toEqual([expect.objectContaining({ clientId, status: expect.stringMatching(/sent|delivered|read/), seq: expect.any(Number) })]);
      expect(Date.now() - healedAt).toBeLessThan(10_000);

      const op = await connectOperator(rig.server.url, 'Auditor', { role: 'supervisor' }); // reads a conversation still with the bot
      const stored = (await op.view(conversationId!)).messages.filter((m) => m.parts.some((p) => 'text' in p && p.text === text));
      expect(stored).toHaveLength(1);
      await op.disconnect();
      await expect
        .poll(() => a.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':unsent:')).length), {
          timeout: 15_000,
          interval: 250,
        })
        .toBe(0);
      await a.waitForTimeout(3000); // the adoption timer runs again: still one copy
      expect(await copies(a, text)).toHaveLength(1);
      expect(watchA.errors.filter((e) => !/WebSocket|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
      await context.close();
    },
  );
});
