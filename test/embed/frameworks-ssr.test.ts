/**
 * Server-side rendering with the framework wrappers (node, no DOM): importing them is safe and
 * rendering a page with the React component or hook, or the Vue composable, neither throws nor
 * creates a widget (it is created only after mount, in the browser).
 */
import { describe, expect, it } from 'vitest';

(globalThis as Record<string, unknown>).__SC_VERSION__ = 'test';

describe('the wrappers in server-side rendering', () => {
  it('React: renderToString with <SupportChat /> and useSupportChat renders the page and no widget', async () => {
    const { createElement: h } = await import('react');
    const { renderToString } = await import('react-dom/server');
    const { SupportChat, useSupportChat } = await import('../../src/react/index');
    const { createMemoryTransport } = await import('../../src/transports/memory');
    let made = 0;
    const transport = () => (made++, createMemoryTransport());
    function Page() {
      const chat = useSupportChat({ transport, title: 'Help' });
      return h('main', null, chat ? 'widget' : 'no widget yet', h(SupportChat, { transport }));
    }
    expect(renderToString(h(Page))).toBe('<main>no widget yet</main>');
    expect(made).toBe(0);
  });

  it('Vue: renderToString with useSupportChat renders the page and no widget', async () => {
    const { createSSRApp, h } = await import('vue');
    const { renderToString } = await import('vue/server-renderer');
    const { useSupportChat } = await import('../../src/vue/index');
    const { createMemoryTransport } = await import('../../src/transports/memory');
    let made = 0;
    const app = createSSRApp({
      setup() {
        const chat = useSupportChat({ transport: () => (made++, createMemoryTransport()), title: 'Help' });
        return () => h('main', null, chat.value ? 'widget' : 'no widget yet');
      },
    });
    expect(await renderToString(app)).toBe('<main>no widget yet</main>');
    expect(made).toBe(0);
  });
});
