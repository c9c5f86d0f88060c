/** Page-level helpers shared by the browser tests. */
import type { Page } from 'playwright-core';

/** Opens the widget with the launcher, types `text` in the composer and presses Enter. */
export async function openAndSend(page: Page, text: string): Promise<void> {
  const host = page.locator('support-chat-host');
  await host.getByRole('button', { name: /open chat/i }).click();
  const composer = host.locator('textarea');
  await composer.waitFor({ state: 'visible' });
  await composer.fill(text);
  await composer.press('Enter');
  await host.getByText(text, { exact: true }).first().waitFor({ state: 'visible' });
}

/** How many bot/operator messages follow the user's message with this text (read from the DOM's chat state). */
export async function botRepliesAfter(page: Page, text: string, handle = 'window.SupportChat.instance'): Promise<number> {
  return page.evaluate(
    ({ text, handle }) => {
      const instance = handle
        .split('.')
        .slice(1)
        .reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], window) as {
        state: { messages: { value: Array<{ from: { role: string }; parts: Array<{ kind: string; text?: string }> }> } };
      };
      const msgs = instance.state.messages.value;
      const at = msgs.findIndex((m) => m.from.role === 'user' && m.parts.some((p) => p.kind === 'text' && p.text === text));
      if (at === -1) return 0;
      return msgs.slice(at + 1).filter((m) => m.from.role !== 'user').length;
    },
    { text, handle },
  );
}
