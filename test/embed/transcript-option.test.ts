// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isOptionError } from '../../src/core/errors';
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
