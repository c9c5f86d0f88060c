// @vitest-environment happy-dom
/**
 * The instance API beyond open/close/send: one widget per id, a transport serves one widget,
 * update/setLocale/setTheme/show/hide over the same engine and connection, getState, on/off with
 * the late `ready` subscriber, inline mode, and the host kept under <html>.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSupportChat, HOST_TAG, type SupportChat } from '../../src/embed/create-support-chat';
import { createMemoryTransport } from '../../src/transports/memory';
import { ChatError, type OptionError, isOptionError } from '../../src/core/errors';
import type { SupportChatOptions } from '../../src/embed/options';

const made: SupportChat[] = [];
function make(extra: Partial<SupportChatOptions> = {}): SupportChat {
  const chat = createSupportChat({ transport: () => createMemoryTransport({ replyDelayMs: 0 }), locale: 'en', multiTab: false, ...extra });
  made.push(chat);
  return chat;
}
afterEach(async () => {
  await Promise.all(made.splice(0).map((c) => c.destroy()));
  document.body.innerHTML = '';
});

function optionError(run: () => unknown): OptionError {
  try {
    run();
  } catch (error) {
    expect(isOptionError(error)).toBe(true);
    return error as OptionError;
  }
  throw new Error('expected an OptionError');
}

const launcherLabel = (chat: SupportChat) => chat.element.shadowRoot!.querySelector('.sc-launcher .sc-vh')?.textContent;
const root = (chat: SupportChat) => chat.element.shadowRoot!.querySelector('.sc-root')!;

describe('the SupportChat instance', () => {
  it('refuses a second widget with the same id, and takes it again right after destroy()', () => {
    const first = make();
    const e = optionError(() => make());
    expect(e.option).toBe('id');
    expect(e.message).toContain('"default" is already on this page');
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    void first.destroy();
    // Synchronously released: a framework's remount (create, destroy, create) works.
    const second = make();
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    expect(document.querySelector(HOST_TAG)).toBe(second.element);
  });

  it('refuses a transport that already served a widget, pointing at factories', async () => {
    const transport = createMemoryTransport({ replyDelayMs: 0 });
    const a = make({ transport });
    await a.destroy();
    const e = optionError(() => make({ transport }));
    expect(e.option).toBe('transport');
    expect(e.reason).toContain('factory');
  });

  it('update(), setLocale() and setTheme() remount the UI over the same engine and connection', async () => {
    const transport = createMemoryTransport({ replyDelayMs: 0 });
    const chat = make({ transport: () => transport });
    await vi.waitFor(() => expect(chat.state.connection.value).toBe('online'));
    chat.send('kept across updates');
    expect(launcherLabel(chat)).toBe('Open chat');
    chat.setLocale('ru');
    expect(launcherLabel(chat)).toBe('Открыть чат');
    expect(chat.element.getAttribute('lang')).toBe('ru');
    chat.setTheme({ primaryColor: '#112233', colorScheme: 'dark' });
    expect(chat.element.style.getPropertyValue('--sc-primary')).toBe('#112233');
    chat.update({ position: 'bottom-left', zIndex: 10 });
    expect(root(chat).classList.contains('sc-root--left')).toBe(true);
    expect(chat.getState()).toMatchObject({ locale: 'ru', colorScheme: 'dark', connection: 'online', isOpen: false, launcher: true });
    expect(chat.state.messages.value.some((m) => m.parts.some((p) => p.kind === 'text' && p.text === 'kept across updates'))).toBe(true);
    expect(transport.calls.filter((c) => c.method === 'connect')).toHaveLength(1);
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    expect(optionError(() => chat.update({ transport: createMemoryTransport() } as never)).reason).toContain(
      'cannot change after creation',
    );
    expect(optionError(() => chat.update({ colour: 'red' } as never)).option).toBe('colour');
    expect(optionError(() => chat.setTheme({ primaryColor: 'red' })).option).toBe('primaryColor');
  });

  it('hide() and show() take our launcher away and back; the dialog still opens from the API', () => {
    const chat = make({ launcher: false });
    expect(root(chat).classList.contains('sc-root--no-launcher')).toBe(true);
    expect(chat.getState().launcher).toBe(false);
    chat.open();
    expect(chat.getState().isOpen).toBe(true);
    chat.show();
    expect(root(chat).classList.contains('sc-root--no-launcher')).toBe(false);
    chat.hide();
    expect(chat.getState()).toMatchObject({ launcher: false, isOpen: true });
  });

  it('a ready listener added after the chat connected is called at once; off() removes a listener', async () => {
    const chat = make();
    await vi.waitFor(() => expect(chat.state.connection.value).toBe('online'));
    const late = vi.fn();
    chat.on('ready', late);
    expect(late).toHaveBeenCalledTimes(1);
    expect(late.mock.calls[0]![0]).toHaveProperty('session');
    const opened = vi.fn();
    chat.on('open', opened);
    chat.open();
    chat.off('open', opened);
    chat.close();
    chat.open();
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('the first error listener gets the errors that came before it; later ones only new errors', () => {
    const chat = make();
    chat.chat.reportError(new ChatError('before anyone listened'));
    const first = vi.fn();
    const second = vi.fn();
    chat.on('error', first);
    chat.on('error', second);
    expect(first.mock.calls.map(([e]) => (e as Error).message)).toEqual(['before anyone listened']);
    expect(second).not.toHaveBeenCalled();
    chat.chat.reportError(new ChatError('later'));
    expect(first).toHaveBeenCalledTimes(2);
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('inline mode renders inside the element, always open, with nothing to close', async () => {
    const box = document.createElement('div');
    document.body.append(box);
    const chat = make({ inline: box });
    expect(chat.element.parentElement).toBe(box);
    expect(root(chat).classList.contains('sc-root--inline')).toBe(true);
    expect(chat.getState()).toMatchObject({ inline: true, isOpen: true, launcher: false });
    chat.close();
    chat.toggle();
    expect(chat.state.isOpen.value).toBe(true);
    await vi.waitFor(() => expect(chat.element.shadowRoot!.querySelector('textarea')).not.toBeNull());
  });

  it('lives under <html>, survives the body being replaced, and re-attaches when removed', async () => {
    const chat = make();
    expect(chat.element.parentElement).toBe(document.documentElement);
    document.documentElement.replaceChild(document.createElement('body'), document.body);
    expect(chat.element.isConnected).toBe(true);
    chat.element.remove();
    await vi.waitFor(() => expect(chat.element.isConnected).toBe(true));
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    await chat.destroy();
    expect(chat.element.isConnected).toBe(false);
  });
});
