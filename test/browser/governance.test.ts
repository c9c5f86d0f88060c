/**
 * The console's audit log and erasure (issue 10 items 2 and 6) in real Chromium: a supervisor
 * opens the audit log and sees the entries (an operator's preview among them), exports them as
 * CSV and erases a customer's data; an operator has no such view.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { connectOperator } from '../helpers/operator-client';
import { Customer } from '../server/customer';
import { launchBrowser, watchPage } from './helpers/browser';
import { startShift } from './helpers/console';
import { rememberServer } from '../helpers/operator-accounts';

let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    port: 0,
    dataDir: ':memory:',
    logLevel: 'silent',
    operatorHours: 'always',
    verification: false,
    botDelayMs: 0,
  }).then(rememberServer);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function consolePage(name: string, role: 'operator' | 'supervisor'): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const { errors } = watchPage(page);
  await startShift(page, server.consoleUrl, { name, role });
  return { page, errors };
}

describe('the audit log in the console', () => {
  it('a supervisor sees the entries, exports them and erases a customer; an operator has no such view', async () => {
    const { c, welcome } = await Customer.connect(server);
    expect((await c.request({ t: 'handoff.request', conversationId: welcome.conversationId })).t).toBe('ack');
    const anna = await connectOperator(server.url, 'Anna', { role: 'operator' });
    await anna.waitForQueue((q) => q.waiting.length === 1);
    await anna.view(welcome.conversationId);

    const sup = await consolePage('Sofia', 'supervisor');
    const open = sup.page.getByRole('button', { name: 'Audit log' });
    await open.click();
    await sup.page.locator('#governance').waitFor({ state: 'visible' });
    expect(await sup.page.locator('#app').isHidden()).toBe(true);
    const preview = sup.page.locator('#gov-rows tr', { hasText: 'preview' });
    await preview.first().waitFor();
    expect(await preview.first().textContent()).toContain('Anna');
    expect(await preview.first().textContent()).toContain(welcome.conversationId);

    const [download]: [Download, unknown] = await Promise.all([
      sup.page.waitForEvent('download'),
      sup.page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('id,at,actor_id,actor_name,actor_role,action,conversation_id,user_key,detail');
    expect(csv).toContain(`,Anna,operator,preview,${welcome.conversationId},`);
    await sup.page.locator('#gov-rows tr', { hasText: 'audit_export' }).first().waitFor();

    await sup.page.selectOption('#gov-erase-kind', 'conversationId');
    await sup.page.fill('#gov-erase-value', welcome.conversationId);
    await sup.page.getByRole('button', { name: 'Erase…' }).click();
    await sup.page.getByRole('button', { name: 'Erase for good' }).click();
    await expect
      .poll(() => sup.page.locator('#gov-erase-result').textContent(), { timeout: 10_000 })
      .toMatch(new RegExp(`^Erased conversation ${welcome.conversationId}: 1 sessions, 1 conversations`));
    expect(await c.closed).toBe(4401);
    await sup.page.locator('#gov-rows tr', { hasText: 'erase' }).first().waitFor();
    await sup.page.getByRole('button', { name: 'Back to conversations' }).click();
    await sup.page.locator('#app').waitFor({ state: 'visible' });

    const op = await consolePage('Olga', 'operator');
    await op.page.locator('#btn-governance[data-checked="true"]').waitFor({ state: 'attached' });
    expect(await op.page.locator('#btn-governance').isHidden()).toBe(true);
    expect(await op.page.getByRole('button', { name: 'Audit log' }).count()).toBe(0);
    expect(await op.page.locator('#governance').isHidden()).toBe(true);
    expect([...sup.errors, ...op.errors]).toEqual([]);
    await anna.disconnect();
  });
});
