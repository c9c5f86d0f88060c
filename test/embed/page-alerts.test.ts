// @vitest-environment happy-dom
/** The optional alerts start from code handed in (linked, or a stage file that may fail). */
import { describe, expect, it, vi } from 'vitest';
import { createChat } from '../../src/core/chat';
import type { ChatError } from '../../src/core/errors';
import { startPageAlerts, type PageAlertsModule } from '../../src/embed/page-alerts';
import { createFakeTransport } from '../core/chat-helpers';

const soundDeps = { isPageVisible: () => true, isLeader: () => true, seenElsewhere: () => false, claimSound: () => true };

function fakeModule() {
  const stopTitle = vi.fn();
  const stopSound = vi.fn();
  const module: PageAlertsModule = { watchTitle: vi.fn(() => stopTitle), watchSound: vi.fn(() => stopSound) };
  return { module, stopTitle, stopSound };
}

describe('page alerts', () => {
  it('load nothing when neither sound nor the title badge is on', () => {
    const chat = createChat({ transport: createFakeTransport(), locale: 'en' });
    const load = vi.fn();
    startPageAlerts(chat, load, { sound: false, titleUnread: false, doc: document, soundDeps })();
    expect(load).not.toHaveBeenCalled();
  });

  it('start what is on once the stage file is in, and stop it', async () => {
    const chat = createChat({ transport: createFakeTransport(), locale: 'en' });
    const { module, stopTitle } = fakeModule();
    const stop = startPageAlerts(chat, () => Promise.resolve(module), { sound: false, titleUnread: true, doc: document, soundDeps });
    await Promise.resolve();
    expect(module.watchTitle).toHaveBeenCalledWith(chat, document);
    expect(module.watchSound).not.toHaveBeenCalled();
    stop();
    expect(stopTitle).toHaveBeenCalledOnce();
  });

  it('never start when stopped before the stage file came', async () => {
    const chat = createChat({ transport: createFakeTransport(), locale: 'en' });
    const { module } = fakeModule();
    let resolve!: (m: PageAlertsModule) => void;
    const stop = startPageAlerts(chat, () => new Promise((r) => (resolve = r)), {
      sound: true,
      titleUnread: true,
      doc: document,
      soundDeps,
    });
    stop();
    resolve(module);
    await Promise.resolve();
    expect(module.watchSound).not.toHaveBeenCalled();
    expect(module.watchTitle).not.toHaveBeenCalled();
  });

  it('report a stage file that fails to load through error; the chat goes on', async () => {
    const chat = createChat({ transport: createFakeTransport(), locale: 'en' });
    const errors: ChatError[] = [];
    chat.on('error', (e) => errors.push(e));
    startPageAlerts(chat, () => Promise.reject(new Error('support-chat: could not load support-chat.alerts.js')), {
      sound: true,
      titleUnread: false,
      doc: document,
      soundDeps,
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('alerts')]);
    expect(chat.destroyed).toBe(false);
  });
});
