/**
 * Several conversations in real Chromium against the reference server, over WebSocket and HTTP:
 * the demo's "Send a notification" posts to the read-only notifications channel; the header's
 * "Conversations" button counts it; the list shows it with its unread count next to a second
 * support conversation; opening it shows it read-only and clears the count; a reload keeps the
 * list and the conversation that was open. Screenshots of the list at 1280×800 and 390×844.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { launchBrowser, watchPage } from './helpers/browser';

let browser: Browser;
let server: RunningServer;
const shots = join(process.cwd(), '.tmp', 'shots');

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startServer({
    port: 0,
    dataDir: ':memory:',
    logLevel: 'silent',
    operatorHours: 'always',
    botDelayMs: 0,
    demoControls: true,
    staticDirs: { '/': 'demo', '/dist/': 'dist' },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Summary = { id: string; channel: string; unread: number };
const state = (page: Page) =>
  page.evaluate(() => {
    const s = (window as unknown as { demoWidget: { state: Record<string, { value: unknown }> } }).demoWidget.state;
    return { active: s.conversationId!.value as string | undefined, list: s.conversations!.value as Summary[] };
  });

async function openList(widget: Locator): Promise<Locator> {
  await widget.getByRole('button', { name: /^Conversations/ }).click();
  const list = widget.getByRole('list', { name: 'Your conversations' });
  await list.waitFor();
  return list;
}

describe.each(['websocket', 'http'])('several conversations over %s', (transport) => {
  it('a notification and a second conversation with unread counts; opening clears; a reload keeps the list', async () => {
    const viewports = [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ];
    const context = await browser.newContext({ viewport: viewports[0]! });
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(`${server.url}/?transport=${transport}&locale=en&segment=private`);
    await page.waitForFunction(() => !!(window as unknown as { demoWidget?: unknown }).demoWidget);
    const widget = page.locator('support-chat-host');
    await widget.getByRole('button', { name: /open chat/i }).click();
    await expect.poll(async () => (await state(page)).list.length, { timeout: 15_000 }).toBe(1);
    const first = (await state(page)).active!;

    // A second support conversation.
    let list = await openList(widget);
    await widget.getByRole('button', { name: 'New conversation' }).click();
    await expect.poll(async () => (await state(page)).active, { timeout: 15_000 }).not.toBe(first);
    const second = (await state(page)).active!;
    await widget
      .getByRole('button', { name: /open chat|close chat/i })
      .first()
      .waitFor();

    // The back office posts twice to the notifications channel (the demo's button).
    await page.getByRole('button', { name: 'Send a notification' }).click();
    await expect.poll(() => page.locator('#notify-status').innerText()).toMatch(/Notification sent/);
    await page.getByRole('button', { name: 'Send a notification' }).click();
    await expect.poll(async () => (await state(page)).list.find((c) => c.channel === 'notifications')?.unread, { timeout: 15_000 }).toBe(2);
    await widget.getByRole('button', { name: 'Conversations, 2 unread messages' }).waitFor();
    await page.screenshot({
      path: join(shots, `convs-badge-${transport}-1280x800-panel.png`),
      clip: { x: 880, y: 108, width: 380, height: 600 },
    });
    expect(await widget.locator('.sc-status-text').innerText()).not.toMatch(/Back online|Reconnecting/);

    list = await openList(widget);
    const items = list.getByRole('listitem');
    await expect.poll(() => items.count()).toBe(3);
    const notes = list.getByRole('button', { name: /Notifications/ });
    await expect.poll(() => notes.innerText()).toMatch(/2 unread messages/);
    expect(await notes.innerText()).toMatch(/Read-only/);
    expect(await notes.innerText()).toMatch(/Your statement for last month is ready/);
    expect(await list.locator('[aria-current="true"]').innerText()).toMatch(/Open now/);
    for (const [i, viewport] of viewports.entries()) {
      await page.setViewportSize(viewport);
      await page.screenshot({ path: join(shots, `convs-list-${transport}-${viewport.width}x${viewport.height}.png`) });
      if (i === 0) await list.getByRole('button').first().focus();
    }
    await page.setViewportSize(viewports[0]!);

    // Keyboard: arrow keys move between the items; Enter opens the notifications.
    await list.locator('[aria-current="true"]').focus();
    await page.keyboard.press('End');
    expect(await list.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement?.textContent ?? '')).toMatch(/Support/);
    await page.keyboard.press('Home');
    for (let i = 0; i < 3; i++) {
      const focused = await list.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement?.textContent ?? '');
      if (/Notifications/.test(focused)) break;
      await page.keyboard.press('ArrowDown');
    }
    expect(await list.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement?.textContent ?? '')).toMatch(/Notifications/);
    await page.keyboard.press('Enter');
    const dialog = widget.getByRole('dialog');
    await dialog.getByText('Your card has been reissued. The new card arrives in 3-5 days.').waitFor({ timeout: 15_000 });
    await dialog.getByText('This channel is read-only').waitFor();
    expect(await widget.locator('.sc-status-text').innerText()).toBe('Notifications'); // not a reply time
    expect(await dialog.locator('textarea').count()).toBe(0);
    // Focus is not lost with the composer gone: it is on the Conversations button.
    await expect
      .poll(() => widget.evaluate((host) => (host.shadowRoot?.activeElement as HTMLElement | null)?.getAttribute('aria-label') ?? ''))
      .toMatch(/^Conversations/);
    await expect.poll(async () => (await state(page)).list.find((c) => c.channel === 'notifications')?.unread, { timeout: 15_000 }).toBe(0);
    await widget.getByRole('button', { name: 'Conversations', exact: true }).waitFor();
    await page.screenshot({ path: join(shots, `convs-readonly-${transport}-1280x800.png`) });

    // Back to the first support conversation (the oldest: last in the list); with the dialog
    // closed, a notification to another conversation shows on the launcher.
    list = await openList(widget);
    await list.getByRole('button').last().click();
    await expect.poll(async () => (await state(page)).active, { timeout: 15_000 }).toBe(first);
    await dialog.locator('textarea').waitFor();
    await widget.getByRole('button', { name: 'Close chat' }).first().click();
    await page.evaluate(() =>
      fetch('/swp/v1/admin/notifications', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text":"x"}' }),
    );
    await widget.getByText('1 unread message').waitFor({ timeout: 15_000 });
    await widget.getByRole('button', { name: /open chat/i }).click();

    // After a close: "This conversation has ended" and New conversation in place of the composer.
    await page.evaluate(() =>
      (window as unknown as { demoWidget: { chat: { closeConversation(): Promise<void> } } }).demoWidget.chat.closeConversation(),
    );
    await dialog.getByText('This conversation has ended.').waitFor({ timeout: 15_000 });
    expect(await dialog.locator('textarea').count()).toBe(0);
    for (const viewport of viewports) {
      await page.setViewportSize(viewport);
      await page.screenshot({ path: join(shots, `convs-ended-${transport}-${viewport.width}x${viewport.height}.png`) });
    }
    await page.setViewportSize(viewports[0]!);
    await dialog.getByRole('button', { name: 'New conversation' }).click();
    await expect.poll(async () => (await state(page)).list.length, { timeout: 15_000 }).toBe(4);
    const fourth = (await state(page)).active!;
    expect([first, second]).not.toContain(fourth);
    await dialog.locator('textarea').waitFor();
    // The closed one stays readable in the list, marked Closed.
    list = await openList(widget);
    expect(await list.getByRole('button').filter({ hasText: 'Closed' }).count()).toBe(1);
    await widget.getByRole('button', { name: 'Back to the conversation' }).click();

    // A reload keeps the list and comes back to the conversation that was open.
    const notesId = (await state(page)).list.find((c) => c.channel === 'notifications')!.id;
    await page.reload();
    await page.waitForFunction(() => !!(window as unknown as { demoWidget?: unknown }).demoWidget);
    await expect.poll(async () => (await state(page)).list.length, { timeout: 15_000 }).toBe(4);
    expect((await state(page)).active).toBe(fourth);
    expect((await state(page)).list.map((c) => c.id).sort()).toEqual([first, second, notesId, fourth].sort());
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
