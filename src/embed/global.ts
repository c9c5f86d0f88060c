/**
 * Entry of the classic-script build (`dist/support-chat.iife.js`), exposed as `window.SupportChat`.
 * When the including `<script>` has `data-transport`, a widget starts with no other code; it is
 * available as `SupportChat.instance` and announced with a `support-chat:ready` DOM event on the
 * script element.
 * @module
 */
import { createSupportChat, type SupportChat } from './create-support-chat';
import { optionsFromScript, wantsAutoStart } from './script-tag';
import { createMemoryTransport, createWebSocketTransport, createHttpTransport } from '../transports';

export * from '../index';

/** The widget started from the script tag's data attributes, if any. */
export let instance: SupportChat | null = null;

const script = typeof document !== 'undefined' ? document.currentScript : null;

function autoStart(el: HTMLScriptElement): void {
  try {
    instance = createSupportChat(
      optionsFromScript(el, {
        memory: () => createMemoryTransport(),
        websocket: (url) => createWebSocketTransport({ url }),
        http: (url) => createHttpTransport({ baseUrl: url }),
      }),
    );
    el.dispatchEvent(new CustomEvent('support-chat:ready', { detail: instance }));
  } catch (error) {
    // The host page has no other way to learn why the widget did not start.
    console.error(error);
  }
}

if (wantsAutoStart(script)) {
  const el = script;
  if (document.body) autoStart(el);
  else document.addEventListener('DOMContentLoaded', () => autoStart(el), { once: true });
}
