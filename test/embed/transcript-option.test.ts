// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isOptionError } from '../../src/core/errors';
import { createSupportChat, type SupportChat } from '../../src/embed/create-support-chat';
import { resolveOptions } from '../../src/embed/options';
import { optionsFromScript } from '../../src/embed/script-tag';
import { createMemoryTransport } from '../../src/transports/memory';

const transport = () => createMemoryTransport({ replyDelayMs: 0 });

describe('transcriptDownload option', () => {
  it('defaults to on, can be turned off, and must be a boolean', () => {
    expect(resolveOptions({ transport: transport() }, document).transcriptDownload).toBe(true);
    expect(resolveOptions({ transport: transport(), transcriptDownload: false }, document).transcriptDownload).toBe(false);
    let error: unknown;
    try {
      resolveOptions({ transport: transport(), transcriptDownload: 'no' }, document);
    } catch (e) {
      error = e;
    }
    expect(isOptionError(error)).toBe(true);
    expect(error).toMatchObject({ option: 'transcriptDownload' });
  });

  it('is turned off by data-transcript-download="false" on the script tag', () => {
    const script = (extra: Record<string, string>) => {
      const el = document.createElement('script');
      for (const [k, v] of Object.entries({ 'data-transport': 'memory', ...extra })) el.setAttribute(k, v);
      return el;
    };
    const factories = { memory: transport, websocket: transport, http: transport };
    expect(optionsFromScript(script({ 'data-transcript-download': 'false' }), factories).transcriptDownload).toBe(false);
    expect(optionsFromScript(script({}), factories).transcriptDownload).toBeUndefined();
  });
});

describe('createSupportChat and the transcript download', () => {
  const made: SupportChat[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((c) => c.destroy()));
    document.body.innerHTML = '';
  });

  /** A widget whose conversation has a message and is closed, dialog open. */
  async function closed(extra: Record<string, unknown>): Promise<ShadowRoot> {
    const t = createMemoryTransport({ bot: false, echo: false, handoff: false, replyDelayMs: 0 });
    const chat = createSupportChat({ transport: t, locale: 'en', open: true, multiTab: false, storage: 'memory', ...extra });
    made.push(chat);
    await vi.waitFor(() => expect(chat.state.connection.value).toBe('online'));
    t.emitIncoming({ from: { id: 'op', role: 'agent', name: 'Anna' }, text: 'All done' });
    t.emit({ type: 'conversation', state: 'closed' });
    await vi.waitFor(() => expect(chat.element.shadowRoot!.querySelector('.sc-ending')).not.toBeNull());
    return chat.element.shadowRoot!;
  }

  it('is offered by default, with the writer linked in', async () => {
    const root = await closed({});
    expect(root.querySelectorAll('.sc-transcript button')).toHaveLength(2);
  });

  it('is not offered with transcriptDownload: false', async () => {
    const root = await closed({ transcriptDownload: false });
    expect(root.querySelector('.sc-transcript')).toBeNull();
  });
});
