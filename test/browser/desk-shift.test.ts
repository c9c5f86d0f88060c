/**
 * A shift in the operator console, in real Chromium against the reference server (issue 10 item
 * 7): a supervisor adds a canned reply (pushed to the operators' consoles at once); two anonymous
 * customers and an urgent one wait; the rows tell them apart; the urgent one is first; the
 * operator moves there with `j`, accepts with `a`, answers with `/refund` + Enter, adds an internal
 * note (never sent to the customer), transfers to a second operator, who finds the conversation by
 * search and closes it; the supervisor's audit log then shows each step. Screenshots at 1280×800 and 390×844 in .tmp/shots.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { launchBrowser, watchPage } from './helpers/browser';
import { startShift } from './helpers/console';
import { customerGot, deskServer, shoot, waitingCustomer } from './helpers/desk-rig';

let browser: Browser;
let server: RunningServer;
beforeAll(async () => {
  server = await deskServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function consolePage(name: string, role: 'operator' | 'supervisor' = 'operator'): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(45_000); // 2 shared cores: generous
  const { errors } = watchPage(page);
  await startShift(page, server.consoleUrl, { name, role });
  return { page, errors };
}

describe('a shift in the console', () => {
  it('priority first → accept → canned reply → internal note → transfer → search finds it → close', async () => {
    const sue = await consolePage('Sue', 'supervisor');
    const anna = await consolePage('Anna');
    const boris = await consolePage('Boris');

    // The supervisor adds a canned reply; Anna's console gets it without reloading.
    await sue.page.getByRole('button', { name: 'Canned replies…' }).click();
    await sue.page.fill('#canned-shortcut', 'refund');
    await sue.page.fill('#canned-name', 'Refund timing');
    await sue.page.fill('#canned-body', 'Hello {name}, refunds reach your card within 5 days.');
    await sue.page.getByRole('button', { name: 'Save', exact: true }).click();
    await sue.page.locator('#canned-admin').getByText('/refund').waitFor();
    await sue.page.keyboard.press('Escape');

    await waitingCustomer(server, undefined, ['Where is my transfer to Lisbon?', 'a person please']);
    await waitingCustomer(server, undefined, ['My card was declined at the pharmacy', 'a person please']);
    const urgent = await waitingCustomer(server, 'Ann', ['Someone stole money from my card, refund please']);

    const rows = anna.page.locator('#list-waiting button');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3);
    await expect.poll(() => rows.first().innerText(), { timeout: 15_000 }).toContain('Urgent');
    const texts = await rows.allInnerTexts();
    expect(new Set(texts).size).toBe(3); // three customers, three different rows
    expect(texts.join('\n')).toContain('“a person please”');
    expect(texts[0]).toContain('New');
    await shoot(anna.page, 'desk-queue');

    // j opens the first row (the urgent one), a accepts it.
    await anna.page.locator('#empty').click();
    await anna.page.keyboard.press('j');
    await expect.poll(() => anna.page.locator('#ctx-name').innerText(), { timeout: 15_000 }).toMatch(/^Ann\b/); // "provided by the customer" follows
    await anna.page.keyboard.press('a');
    await expect.poll(() => anna.page.locator('#composer-text').isDisabled(), { timeout: 15_000 }).toBe(false);

    // A canned reply: "/ref" lists it, Enter inserts it with the name filled, Enter sends.
    await anna.page.locator('#composer-text').fill('');
    await anna.page.locator('#composer-text').pressSequentially('/ref');
    const option = anna.page.getByRole('option', { name: /refund/ });
    await option.waitFor();
    await anna.page.keyboard.press('Enter');
    await expect
      .poll(() => anna.page.locator('#composer-text').inputValue(), { timeout: 15_000 })
      .toBe('Hello Ann, refunds reach your card within 5 days.');
    await anna.page.keyboard.press('Enter');
    await urgent.c.waitFor(customerGot(urgent.c, 'refunds reach your card within 5 days'), 10_000);

    // An internal note: in the console's timeline, never at the customer.
    await anna.page.fill('#note-text', 'Customer confirmed the card ends in 4411; fraud team informed');
    await anna.page.getByRole('button', { name: 'Add note' }).click();
    await anna.page.locator('#transcript .msg-note').getByText('Internal note').waitFor();
    await shoot(anna.page, 'desk-conversation');

    // Transfer to Boris: the customer is told, Boris finds it in "In progress".
    await anna.page.selectOption('#transfer-to', { label: 'Boris' });
    await anna.page.getByRole('button', { name: 'Transfer', exact: true }).click();
    await urgent.c.waitFor(customerGot(urgent.c, 'Boris joined the chat'), 10_000);
    await boris.page.locator('#list-active button', { hasText: 'Ann' }).waitFor();
    expect(await boris.page.locator('#list-active button', { hasText: 'Ann' }).innerText()).toContain('yours');

    // Boris searches, opens the hit, closes the conversation.
    await boris.page.locator('#empty').click();
    await boris.page.keyboard.press('/');
    await boris.page.keyboard.type('stole money');
    const hit = boris.page.locator('#list-search button').first();
    await hit.waitFor({ timeout: 15_000 });
    expect(await hit.locator('mark').first().innerText()).toBe('stole');
    await hit.click();
    await expect.poll(() => boris.page.locator('#ctx-name').innerText(), { timeout: 15_000 }).toMatch(/^Ann\b/); // "provided by the customer" follows
    await boris.page.locator('#transcript .msg-note').waitFor();
    await shoot(boris.page, 'desk-search');
    await boris.page.getByRole('button', { name: 'Close conversation' }).click();
    await urgent.c.waitFor((f) => f.t === 'event' && f.event.type === 'conversation' && f.event.state === 'closed', 10_000);

    expect(JSON.stringify(urgent.c.frames)).not.toContain('fraud team informed');

    // The supervisor's audit log shows each step of this conversation, by whom, oldest last.
    await sue.page.getByRole('button', { name: 'Audit log' }).click();
    await sue.page.locator('#governance').waitFor({ state: 'visible' });
    await sue.page.fill('#gov-conversation', urgent.id);
    await sue.page.locator('#gov-filter').getByRole('button', { name: 'Show' }).click();
    const steps = async () =>
      (await sue.page.locator('#gov-rows tr').allInnerTexts()).map((row) => {
        const action = ['accept', 'note', 'transfer', 'close', 'preview', 'view'].find((a) => new RegExp(`\\b${a}\\b`).test(row));
        const who = ['Anna', 'Boris', 'Sue'].find((n) => row.includes(n));
        return `${who} ${action}`;
      });
    await expect
      .poll(async () => (await steps()).filter((s) => /accept|note|transfer|close/.test(s)), { timeout: 15_000 })
      .toEqual(['Boris close', 'Anna transfer', 'Anna note', 'Anna accept']);
    // Searches are audited without their words (the number of terms and results only).
    await sue.page.fill('#gov-conversation', '');
    await sue.page.selectOption('#gov-action', 'search');
    await sue.page.locator('#gov-filter').getByRole('button', { name: 'Show' }).click();
    const search = sue.page.locator('#gov-rows tr', { hasText: 'Boris' }).first();
    await search.waitFor({ timeout: 15_000 });
    expect(await search.innerText()).not.toContain('stole');
    await shoot(sue.page, 'desk-audit');
    for (const p of [sue, anna, boris]) expect(p.errors).toEqual([]);
  }, 180_000);

  it('alerts are opt-in and remembered; the title counts waiting customers not looked at yet', async () => {
    const { page, errors } = await consolePage('Gleb');
    await page.locator('#list-waiting li').first().waitFor();
    const before = await page.locator('#list-waiting button.has-news').count();
    expect(await page.title()).toBe('Support console'); // off by default
    await page.getByLabel('Sound and title alerts').check();
    await expect.poll(() => page.title(), { timeout: 15_000 }).toBe(before ? `(${before}) Support console` : 'Support console');
    await waitingCustomer(server, undefined, ['Is my account blocked?', 'a person please']);
    await expect.poll(() => page.title(), { timeout: 15_000 }).toBe(`(${before + 1}) Support console`);
    await page.reload();
    await page.locator('#app').waitFor({ state: 'visible' });
    expect(await page.getByLabel('Sound and title alerts').isChecked()).toBe(true);
    await page.locator('#list-waiting button.has-news').first().click();
    await expect.poll(() => page.title(), { timeout: 15_000 }).toBe(before ? `(${before}) Support console` : 'Support console');
    expect(errors).toEqual([]);
  });

  it('Russian: ?lang=ru shows the console in Russian, static text included', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await startShift(page, `${server.consoleUrl}?lang=ru`, { name: 'Vera' });
    expect(await page.locator('h1').innerText()).toBe('Консоль поддержки');
    expect(await page.locator('#h-waiting').textContent()).toContain('Ожидают');
    expect(await page.locator('#search-q').getAttribute('placeholder')).toBe('Поиск по диалогам (/)');
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Сочетания клавиш' }).waitFor();
    await context.close();
  });
});
