/**
 * `npx tsx scripts/screenshots.ts`: takes the README's screenshots in headless Chromium against the
 * reference server and the built widget (run `npm run build` first): the demo page with a
 * conversation (desktop 1280×800 and phone 390×844), and the operator console.
 * Output: docs/screenshot.png, docs/screenshot-mobile.png, docs/console.png.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startServer } from '../server/app';
import { launchBrowser } from '../test/browser/helpers/browser';

const server = await startServer({
  port: 0,
  dataDir: ':memory:',
  logLevel: 'silent',
  operatorHours: 'always',
  botDelayMs: 50,
  demo: true, // the console shows the codes the demo sender sends
  demoAccounts: [{ username: 'olga', password: 'screenshot-password', role: 'operator', displayName: 'Olga' }],
  staticDirs: { '/': 'demo', '/dist/': 'dist', '/demo-data/': mkdtempSync(join(tmpdir(), 'sc-shots-')) },
});
const browser = await launchBrowser();

async function conversation(page: Page, operator: Page, name: string): Promise<void> {
  const widget = page.locator('support-chat-host');
  await widget.getByRole('button', { name: /open chat/i }).click();
  await page.waitForTimeout(800);
  await widget
    .getByRole('button', { name: /^Cards$/ })
    .first()
    .click()
    .catch(() => undefined);
  await page.waitForTimeout(800);
  await widget.getByRole('button', { name: 'Talk to a person' }).first().click();
  await widget.getByLabel('One-time code').waitFor();
  const code = (await server.lastVerificationCode(
    await page.evaluate(
      () =>
        (
          window as unknown as { demoWidget: { chat: { transport: { snapshot(): { conversationId: string } } } } }
        ).demoWidget.chat.transport.snapshot().conversationId,
    ),
  ))!;
  await widget.getByLabel('One-time code').fill(code);
  await widget.getByRole('button', { name: 'Confirm' }).click();
  await operator.locator('#list-waiting button').first().click();
  await operator.getByRole('button', { name: 'Accept' }).click();
  await operator.fill('#composer-text', `Hi, I'm ${name}. I see you asked about your card: I can help with that right away.`);
  await operator.locator('#composer-send').click();
  await page.waitForTimeout(600);
  const composer = widget.locator('textarea');
  await composer.fill('My card was declined at a shop today');
  await composer.press('Enter');
  await page.waitForTimeout(800);
}

for (const [width, height, file] of [
  [1280, 800, 'docs/screenshot.png'],
  [390, 844, 'docs/screenshot-mobile.png'],
] as const) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(`${server.url}/?transport=websocket&locale=en&segment=private`);
  await page.waitForFunction(() => !!(window as unknown as { demoWidget?: unknown }).demoWidget);
  const operator = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await operator.goto(server.consoleUrl);
  await operator.fill('#login-username', 'olga');
  await operator.fill('#login-password', 'screenshot-password');
  await operator.locator('#login-submit').click();
  await conversation(page, operator, 'Olga');
  await page.screenshot({ path: file });
  if (width === 1280) await operator.screenshot({ path: 'docs/console.png' });
  await operator.close();
  await page.close();
}
await browser.close();
await server.close();
console.log('screenshots: docs/screenshot.png, docs/screenshot-mobile.png, docs/console.png');
