/** Mounts the widget over the emulator into a fresh shadow root. */
import { createChat, type Chat } from '../../../src/core/chat';
import { findSensitive, maskSensitive } from '../../../src/protocol/sensitive';
import { createI18n } from '../../../src/i18n';
import { mountWidget, type MountedWidget, type UiConfig } from '../../../src/ui';
import { createFakeTransport, type FakeTransport } from './emulator';

export interface Mounted {
  chat: Chat;
  transport: FakeTransport;
  widget: MountedWidget;
  host: HTMLElement;
  root: ShadowRoot;
  /** querySelector inside the shadow root. */
  $<E extends Element = HTMLElement>(selector: string): E | null;
  $$<E extends Element = HTMLElement>(selector: string): E[];
  cleanup(): Promise<void>;
}

/** Lets signal effects and preact's batched re-renders run. */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}

export async function mount(options: { transport?: FakeTransport; config?: Partial<UiConfig>; start?: boolean } = {}): Promise<Mounted> {
  const transport = options.transport ?? createFakeTransport();
  const chat = createChat({ transport, locale: 'en' });
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const widget = mountWidget(root, chat, {
    title: 'Support',
    position: 'bottom-right',
    offset: { x: 20, y: 20 },
    colorScheme: 'light',
    zIndex: 1000,
    i18n: createI18n('en'),
    loadSensitive: () => ({ findSensitive, maskSensitive }),
    ...options.config,
  });
  if (options.start !== false) await chat.start();
  await settle();
  return {
    chat,
    transport,
    widget,
    host,
    root,
    $: (selector) => root.querySelector(selector),
    $$: (selector) => Array.from(root.querySelectorAll(selector)),
    async cleanup() {
      widget.destroy();
      await chat.destroy();
      host.remove();
    },
  };
}

/** Types into the composer the way a browser does (value, then an input event). */
export function type(textarea: HTMLTextAreaElement, value: string): void {
  textarea.value = value;
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
}

export function press(target: Element, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true, ...init });
  target.dispatchEvent(event);
  return event;
}
