// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { bootOptions, optionsFromScript, wantsAutoStart, type TransportFactories } from '../../src/embed/script-tag';
import { BASIC_CAPABILITIES, type Transport } from '../../src/core/transport';
import { isOptionError } from '../../src/core/errors';

function fakeTransport(name: string): Transport {
  return {
    name,
    capabilities: BASIC_CAPABILITIES,
    connect: async () => ({}),
    disconnect: async () => undefined,
    on: () => () => undefined,
    snapshot: () => ({}),
    send: async (m) => ({ clientId: m.clientId, id: 'x', createdAt: new Date().toISOString() }),
  };
}
const calls: string[] = [];
const factories: TransportFactories = {
  memory: () => (calls.push('memory'), fakeTransport('memory')),
  websocket: (url) => (calls.push(`ws ${url}`), fakeTransport('websocket')),
  http: (url) => (calls.push(`http ${url}`), fakeTransport('http')),
};

function script(attrs: Record<string, string>): HTMLScriptElement {
  const el = document.createElement('script');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

describe('script-tag options', () => {
  it('auto-starts only with data-transport', () => {
    expect(wantsAutoStart(script({}))).toBe(false);
    expect(wantsAutoStart(null)).toBe(false);
    expect(wantsAutoStart(script({ 'data-transport': 'memory' }))).toBe(true);
  });

  it('maps every documented attribute', () => {
    calls.length = 0;
    const o = optionsFromScript(
      script({
        'data-transport': 'ws',
        'data-url': 'wss://chat.example.com/swp/v1/ws',
        'data-title': 'Help',
        'data-locale': 'ru',
        'data-position': 'bottom-left',
        'data-primary-color': '#112233',
        'data-color-scheme': 'dark',
        'data-open': 'true',
        'data-segment': 'business',
        'data-offset-x': '12',
        'data-z-index': '99',
        'data-launcher': 'false',
        nonce: 'abc',
      }),
      factories,
    );
    // A factory (identify() makes a fresh transport for the next user), called when the widget is made.
    expect(calls).toEqual([]);
    (o.transport as () => unknown)();
    expect(calls).toEqual(['ws wss://chat.example.com/swp/v1/ws']);
    expect(o).toMatchObject({
      title: 'Help',
      locale: 'ru',
      position: 'bottom-left',
      primaryColor: '#112233',
      colorScheme: 'dark',
      open: true,
      user: { segment: 'business' },
      offset: { x: 12 },
      zIndex: 99,
      launcher: false,
    });
  });

  it('boot options: a named transport is made only when the widget is created', () => {
    calls.length = 0;
    const o = bootOptions({ transport: 'ws', url: 'wss://chat.example.com/swp/v1/ws', title: 'Help' }, factories);
    expect(calls).toEqual([]);
    expect(o.title).toBe('Help');
    expect(typeof o.transport).toBe('function');
    (o.transport as () => unknown)();
    expect(calls).toEqual(['ws wss://chat.example.com/swp/v1/ws']);
    for (const [input, option] of [
      [{ transport: 'websocket' }, 'url'],
      [{ transport: 'pigeon' }, 'transport'],
      [{ transport: fakeTransport('x'), url: 'wss://x' }, 'url'],
    ] as const) {
      try {
        bootOptions(input, factories);
        throw new Error('expected an OptionError');
      } catch (error) {
        expect((error as { option: string }).option).toBe(option);
      }
    }
  });

  it('http transport resolves a relative URL', () => {
    calls.length = 0;
    const o = optionsFromScript(script({ 'data-transport': 'http', 'data-url': 'https://api.example.com/' }), factories);
    (o.transport as () => unknown)();
    expect(calls).toEqual(['http https://api.example.com/']);
  });

  it.each([
    [{ 'data-transport': 'carrier-pigeon' }, 'data-transport'],
    [{ 'data-transport': 'websocket' }, 'data-url'],
    [{ 'data-transport': 'memory', 'data-segment': 'vip' }, 'data-segment'],
    [{ 'data-transport': 'memory', 'data-z-index': 'top' }, 'data-z-index'],
  ])('refuses %j naming %s', (attrs, option) => {
    try {
      optionsFromScript(script(attrs), factories);
      throw new Error('expected an OptionError');
    } catch (error) {
      expect(isOptionError(error)).toBe(true);
      expect((error as { option: string }).option).toBe(option);
    }
  });
});
