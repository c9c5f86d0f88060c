// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isOptionError } from '../../src/core/errors';
import { createSupportChat, type SupportChat } from '../../src/embed/create-support-chat';
import { resolveOptions } from '../../src/embed/options';
import { createMemoryTransport } from '../../src/transports/memory';

let chat: SupportChat | undefined;
afterEach(async () => {
  await chat?.destroy();
  chat = undefined;
  document.body.innerHTML = '';
});

describe('renderPart option', () => {
  it('must be a function', () => {
    const transport = createMemoryTransport();
    expect(resolveOptions({ transport }, document).renderPart).toBeUndefined();
    const renderPart = () => 'x';
    expect(resolveOptions({ transport, renderPart }, document).renderPart).toBe(renderPart);
    let error: unknown;
    try {
      resolveOptions({ transport, renderPart: '<b>html</b>' }, document);
    } catch (e) {
      error = e;
    }
    expect(isOptionError(error)).toBe(true);
    expect((error as { option: string }).option).toBe('renderPart');
  });

  it('reaches the dialog through createSupportChat', async () => {
    const transport = createMemoryTransport({ replyDelayMs: 0, bot: false });
    const renderPart = vi.fn((part: { type: string; data: unknown }) => `${part.type}: ${String(part.data)}`);
    chat = createSupportChat({ transport, locale: 'en', open: true, storage: 'memory', multiTab: false, renderPart });
    await vi.waitFor(() => expect(chat!.state.connection.value).toBe('online'));
    transport.emitIncoming({ parts: [{ kind: 'custom', type: 'poll', data: 7 }] });
    const root = chat.element.shadowRoot!;
    await vi.waitFor(() => expect(root.querySelector('.sc-custom')?.textContent).toBe('poll: 7'), { timeout: 5000 });
    expect(renderPart).toHaveBeenCalledTimes(1);
  });
});
