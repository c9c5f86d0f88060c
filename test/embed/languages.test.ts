// @vitest-environment happy-dom
/**
 * The widget's languages through the npm build's `createSupportChat`: each built-in language with
 * its direction on the host and root, the `locales` option (languages offered, close ones
 * configured), a language added with `registerLocale`, and `setLocale` switching direction.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isOptionError } from '../../src/core/errors';
import { createSupportChat, type SupportChat } from '../../src/embed/create-support-chat';
import type { SupportChatOptions } from '../../src/embed/options';
import { registerLocale } from '../../src/i18n';
import { en } from '../../src/i18n/locales/en';
import { createMemoryTransport } from '../../src/transports/memory';

const made: SupportChat[] = [];
function make(extra: Partial<SupportChatOptions>): SupportChat {
  const chat = createSupportChat({ transport: () => createMemoryTransport({ replyDelayMs: 0 }), multiTab: false, ...extra });
  made.push(chat);
  return chat;
}
afterEach(async () => {
  await Promise.all(made.splice(0).map((c) => c.destroy()));
  document.body.innerHTML = '';
});
const launcherLabel = (chat: SupportChat) => chat.element.shadowRoot!.querySelector('.sc-launcher .sc-vh')?.textContent;
const rootDir = (chat: SupportChat) => chat.element.shadowRoot!.querySelector('.sc-root')!.getAttribute('dir');

describe('languages of the widget', () => {
  it.each([
    ['uk-UA', 'uk', 'ltr', 'Відкрити чат'],
    ['kk', 'kk', 'ltr', 'Чатты ашу'],
    ['de-AT', 'de', 'ltr', 'Chat öffnen'],
    ['ar-EG', 'ar', 'rtl', 'افتح المحادثة'],
    ['he', 'he', 'rtl', 'פתיחת הצ׳אט'],
  ])('%s: its strings, lang %s, direction %s on the host and the root', (locale, lang, dir, open) => {
    const chat = make({ locale });
    expect(launcherLabel(chat)).toBe(open);
    expect(chat.element.getAttribute('lang')).toBe(lang);
    expect(chat.element.getAttribute('dir')).toBe(dir);
    expect(rootDir(chat)).toBe(dir);
  });

  it('Ukrainian gets Russian only when the site says so, else English', () => {
    const offered = ['en', 'ru'];
    const plain = make({ id: 'a', locale: 'uk', locales: { offered } });
    expect(launcherLabel(plain)).toBe('Open chat');
    const close = make({ id: 'b', locale: 'uk', locales: { offered, fallbacks: { uk: 'ru' } } });
    expect(launcherLabel(close)).toBe('Открыть чат');
    expect(close.getState().locale).toBe('ru');
  });

  it('refuses a malformed locales option by name', () => {
    for (const [locales, key] of [
      ['ru', 'locales'],
      [{ offered: 'ru' }, 'locales.offered'],
      [{ fallbacks: { uk: 1 } }, 'locales.fallbacks.uk'],
      [{ ofered: [] }, 'ofered'],
    ] as const) {
      let caught: unknown;
      try {
        make({ locales: locales as never });
      } catch (error) {
        caught = error;
      }
      expect(isOptionError(caught), JSON.stringify(locales)).toBe(true);
      expect((caught as { option?: string; message: string }).message).toContain(key);
    }
  });

  it('speaks a language added with registerLocale, and setLocale turns the direction', () => {
    registerLocale({ code: 'fa', dir: 'rtl', table: { ...en, 'launcher.open': 'باز کردن گفتگو' } });
    const chat = make({ locale: 'fa-IR' });
    expect(launcherLabel(chat)).toBe('باز کردن گفتگو');
    expect(rootDir(chat)).toBe('rtl');
    chat.setLocale('de');
    expect(launcherLabel(chat)).toBe('Chat öffnen');
    expect(rootDir(chat)).toBe('ltr');
    expect(chat.element.getAttribute('dir')).toBe('ltr');
  });

  it('a language registered with a loader mounts once its table is in', async () => {
    registerLocale({ code: 'it', load: async () => ({ ...en, 'launcher.open': 'Apri la chat' }) });
    const chat = make({ locale: 'it-IT' });
    await expect.poll(() => launcherLabel(chat)).toBe('Apri la chat');
    expect(chat.element.getAttribute('lang')).toBe('it');
  });
});
