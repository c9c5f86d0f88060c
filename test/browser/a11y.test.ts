/**
 * axe-core in real Chromium on the widget (closed, open with a conversation, verification form),
 * light and dark, desktop and phone width. Page-level rules that do not apply to an embedded widget
 * are off; everything inside the shadow root is checked.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { usePagesAndBrowser } from './helpers/setup';
import { openAndSend } from './helpers/chat-page';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const rig = usePagesAndBrowser();

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      rules: { region: { enabled: false }, 'landmark-one-main': { enabled: false }, 'page-has-heading-one': { enabled: false } },
    });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

describe.each([
  { scheme: 'light' as const, width: 1280, height: 800 },
  { scheme: 'dark' as const, width: 390, height: 844 },
])('axe ($scheme, $width px)', ({ scheme, width, height }) => {
  it('finds nothing closed, open with a conversation, and in the verification form', async () => {
    const page = await rig.browser.newPage({ viewport: { width, height }, colorScheme: scheme });
    await page.goto(`${rig.server.url}/test/browser/fixtures/iife.html`);
    expect(await violations(page)).toEqual([]);
    await openAndSend(page, 'I lost my card');
    await page.waitForTimeout(800);
    expect(await violations(page)).toEqual([]);
    await page.locator('support-chat-host').getByRole('button', { name: 'Talk to a person' }).first().click();
    await page.locator('support-chat-host').getByLabel('One-time code').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('finds nothing in the note beside the launcher when the dialog cannot be loaded', async () => {
    const page = await rig.browser.newPage({ viewport: { width, height }, colorScheme: scheme });
    await page.route('**/dist/support-chat.panel.js', (route) => route.abort('connectionrefused'));
    await page.goto(`${rig.server.url}/test/browser/fixtures/iife.html`);
    await page.locator('support-chat-host').locator('.sc-launcher').click();
    await page.locator('support-chat-host').getByRole('alert').waitFor();
    await page.waitForTimeout(300);
    expect(await violations(page)).toEqual([]);
    if (width < 400) await page.screenshot({ path: '.tmp/launcher-note.png' });
    await page.close();
  });
});
