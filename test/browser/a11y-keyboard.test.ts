/**
 * A whole conversation with the keyboard alone (issue 12 item 7), in real Chromium on a phone
 * (390×844, where the dialog is modal): Tab to the launcher and Enter; focus is in the dialog;
 * type and send; the attach button opens the file chooser from the keyboard; Tab never leaves
 * the dialog; ask for a person; rate with the arrow keys and leave a comment; Escape closes and
 * focus is back on the launcher (the WAI-ARIA dialog pattern). On a desktop, where the dialog is
 * not modal, Escape closes and focus returns too. The in-page memory transport plays the other
 * side (the operator who closes the conversation).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './helpers/axe';
import { watchPage } from './helpers/browser';
import { hostPage, useGeneratedPages } from './helpers/pages';

const rig = useGeneratedPages();

type Real = { sentMessages: Array<{ text?: string; attachments?: Array<{ name: string }> }>; emit(e: unknown): void };
type Win = { real: Promise<Real>; chat: { state: { rated: { value: number | null } }; getState(): { isOpen: boolean } } };

async function phonePage(width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const page = await rig.browser.newPage({ viewport: { width, height } });
  const { errors } = watchPage(page);
  // File choosers are intercepted from the start (turning that on later races the key press).
  page.on('filechooser', () => undefined);
  const body = `<h1>A host page</h1><p><a href="#top">A link before the widget</a></p>
    <script src="/dist/support-chat.engine.js"></script><script>
    const transport = SupportChat.createMemoryTransport({ replyDelayMs: 0, queueStepMs: 200, verification: false });
    window.real = transport.load();
    window.chat = SupportChat.createSupportChat({ transport, locale: 'en', multiTab: false });
  </script>`;
  await page.goto(rig.page(`keyboard-${width}`, hostPage(body)));
  await page.evaluate(() => (window as unknown as Win).real);
  return { page, errors };
}

/** Where focus is: the class of the focused element inside the widget, and whether it is inside the dialog. */
function focused(page: Page): Promise<{ cls: string; tag: string; inDialog: boolean; inWidget: boolean }> {
  return page.evaluate(() => {
    const hostEl = document.querySelector('support-chat-host');
    const inWidget = document.activeElement === hostEl;
    const el = inWidget ? hostEl!.shadowRoot!.activeElement : document.activeElement;
    return {
      cls: (el as HTMLElement | null)?.className ?? '',
      tag: el?.tagName.toLowerCase() ?? '',
      inDialog: inWidget && !!el?.closest('[role="dialog"]'),
      inWidget,
    };
  });
}

/** Presses Tab (or Shift+Tab) until the focused element matches; fails after `max` presses. */
async function tabTo(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, back = false, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (match(await focused(page))) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`focus never reached the element; it is on ${JSON.stringify(await focused(page))}`);
}

/** Presses Tab, then Shift+Tab, `times` each, and checks after each press that focus is in the dialog. */
async function expectTrapped(page: Page, times: number): Promise<void> {
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < times; i++) {
      await page.keyboard.press(key);
      expect(await focused(page), `after ${i + 1} × ${key}`).toMatchObject({ inDialog: true });
    }
  }
}

const has = (cls: string) => (f: { cls: string }) => f.cls.split(' ').includes(cls);
const host = (page: Page) => page.locator('support-chat-host');

describe('keyboard only', () => {
  it('a whole conversation on a phone: open, send, a file, a person, the rating, close', async () => {
    const { page, errors } = await phonePage(390, 844);
    // Open with the keyboard: focus moves into the dialog, on the composer.
    await tabTo(page, has('sc-launcher'));
    await page.keyboard.press('Enter');
    await host(page).getByRole('dialog').waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'textarea', inDialog: true });
    expect(await host(page).getByRole('dialog').getAttribute('aria-modal')).toBe('true');
    await page.keyboard.type('Hello there');
    await page.keyboard.press('Enter');
    await host(page).getByText('Hello there', { exact: true }).first().waitFor();

    // Modal: Tab and Shift+Tab go round the dialog and never reach the page behind it.
    await expectTrapped(page, 25);

    // A file through the attach button, from the keyboard; sent with Enter from the composer.
    await tabTo(page, has('sc-attach'));
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Enter');
    await (await chooser).setFiles({ name: 'receipt.txt', mimeType: 'text/plain', buffer: Buffer.from('a receipt') });
    await host(page).getByText('receipt.txt').first().waitFor();
    await tabTo(page, (f) => f.tag === 'textarea');
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as unknown as Win).real.then((r) => r.sentMessages.flatMap((m) => (m.attachments ?? []).map((a) => a.name))),
        ),
      )
      .toContain('receipt.txt');

    // Ask for a person; the operator answers.
    await tabTo(page, has('sc-chip--talk'));
    await page.keyboard.press('Enter');
    await host(page).getByText('Anna').first().waitFor({ timeout: 20_000 });
    await expect.poll(() => focused(page)).toMatchObject({ inDialog: true });

    // The operator closes; the rating: Tab to the stars, Space chooses one, arrows move to four.
    await page.evaluate(() =>
      (window as unknown as Win).real.then((r) => r.emit({ type: 'conversation', state: 'closed', reason: 'agent' })),
    );
    await host(page).getByRole('radiogroup').waitFor();
    await tabTo(page, (f) => f.cls.includes('sc-star-input'));
    await page.keyboard.press('Space');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => host(page).getByRole('radio', { checked: true }).getAttribute('aria-label')).toBe('4 stars out of 5');
    await tabTo(page, has('sc-rating-comment'));
    await page.keyboard.type('Quick and kind');
    await tabTo(page, (f) => f.tag === 'button' && f.cls.includes('sc-btn--primary'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (window as unknown as Win).chat.state.rated.value)).toBe(4);
    // The form went away: focus stays in the dialog, on the thanks.
    await expect.poll(() => focused(page)).toMatchObject({ inDialog: true, cls: 'sc-rating-title' });
    expect(await axeViolations(page)).toEqual([]);
    // From there too (an element outside the Tab order), Tab stays in the dialog.
    await expectTrapped(page, 15);

    // Escape closes; focus returns to the launcher.
    await page.keyboard.press('Escape');
    await host(page).getByRole('dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => focused(page)).toMatchObject({ inWidget: true, inDialog: false });
    expect((await focused(page)).cls).toContain('sc-launcher');
    expect(await page.evaluate(() => (window as unknown as Win).chat.getState().isOpen)).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on a desktop (not modal): Enter opens into the composer, Escape closes back to the launcher', async () => {
    const { page, errors } = await phonePage(1280, 800);
    await tabTo(page, has('sc-launcher'));
    await page.keyboard.press('Enter');
    await host(page).getByRole('dialog').waitFor();
    expect(await host(page).getByRole('dialog').getAttribute('aria-modal')).toBeNull();
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'textarea', inDialog: true });
    await page.keyboard.type('Hello there');
    await page.keyboard.press('Enter');
    await host(page).getByText('Hello there', { exact: true }).first().waitFor();
    // Escape from anywhere in the dialog, here the header's close button.
    await tabTo(page, has('sc-header-close'), true);
    await page.keyboard.press('Escape');
    await host(page).getByRole('dialog').waitFor({ state: 'hidden' });
    await expect.poll(async () => (await focused(page)).cls).toContain('sc-launcher');
    // And the launcher opens it again with Space.
    await page.keyboard.press('Space');
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'textarea', inDialog: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
