/**
 * `support-chat/vue`: the widget in a Vue 3 app. `useSupportChat(options)` creates it when the
 * component mounts and destroys it when it unmounts; the transport is a factory, so every mount
 * gets a fresh one. Needs `vue` 3.3 or later (an optional peer).
 * @module
 */
import { onBeforeUnmount, onMounted, type MaybeRefOrGetter, type ShallowRef, shallowRef, toValue, watch } from 'vue';
import type { Transport } from '../core/transport';
import { createSupportChat } from '../embed/create-support-chat';
import { identityChange, lookChanges } from '../embed/look-changes';
import type { ChatError } from '../core/errors';
import type { SupportChatOptions } from '../embed/options';
import type { SupportChat } from '../embed/support-chat-api';

export type { SupportChat } from '../embed/support-chat-api';

/** The widget's options in Vue: `transport` is a factory (a remount makes a fresh transport). */
export type VueSupportChatOptions = Omit<SupportChatOptions, 'transport'> & {
  /** Makes the widget's transport, e.g. `() => createWebSocketTransport({ url })`; called once per mount. */
  transport: () => Transport;
};

/**
 * Creates the widget on mount and destroys it on unmount (call it in `setup()`). `options` may be
 * a plain object, a ref or a getter: engine options (`transport`, `id`, `user`, `storage`...) are
 * read at mount; a change of the look (`title`, `locale`, `primaryColor`, `colorScheme`...) is
 * applied with `update()`, keeping the conversation and its connection. Returns a shallow ref to the
 * widget (null before mount, after unmount and during server-side rendering).
 * @example
 * const chat = useSupportChat({ transport: () => createWebSocketTransport({ url }), title: 'Help' });
 * // <button @click="chat?.open()">Help</button>
 */
export function useSupportChat(options: MaybeRefOrGetter<VueSupportChatOptions>): ShallowRef<SupportChat | null> {
  const chat = shallowRef<SupportChat | null>(null);
  let applied: Partial<SupportChatOptions> = {};
  onMounted(() => {
    applied = { ...toValue(options) };
    chat.value = createSupportChat(applied as VueSupportChatOptions);
  });
  const stop = watch(
    () => ({ ...toValue(options) }),
    (next) => {
      const patch = lookChanges(applied, next);
      const signIn = identityChange(applied, next);
      applied = next;
      const widget = chat.value;
      if (!widget) return;
      if (patch) widget.update(patch);
      // A rejection is a bad field: the widget reports it through its `error` event.
      if (signIn) widget.identify(...signIn).catch((error: unknown) => widget.chat.reportError(error as ChatError));
    },
    { deep: true },
  );
  onBeforeUnmount(() => {
    stop();
    const instance = chat.value;
    chat.value = null;
    // Page-level parts (id, multi-tab namespace, lock) are released before this returns.
    void instance?.destroy();
  });
  return chat;
}
