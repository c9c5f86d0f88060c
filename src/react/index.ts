/**
 * `support-chat/react`: the widget in a React app. `useSupportChat(options)` creates it on mount
 * and destroys it on unmount; `<SupportChat {...options} />` does the same as a component. The
 * transport is a factory, so every mount gets a fresh one: StrictMode's mount, unmount, mount leaves
 * exactly one working widget (with multi-tab on). Needs `react` 18 or later (an optional peer).
 * @module
 */
import { useEffect, useRef, useState } from 'react';
import type { Transport } from '../core/transport';
import { createSupportChat } from '../embed/create-support-chat';
import { identityChange, lookChanges } from '../embed/look-changes';
import type { ChatError } from '../core/errors';
import type { SupportChatOptions } from '../embed/options';
import type { SupportChat as SupportChatInstance } from '../embed/support-chat-api';

export type { SupportChat as SupportChatInstance } from '../embed/support-chat-api';

/** The widget's options in React: `transport` is a factory (a remount makes a fresh transport). */
export type ReactSupportChatOptions = Omit<SupportChatOptions, 'transport'> & {
  /** Makes the widget's transport, e.g. `() => createWebSocketTransport({ url })`; called once per mount. */
  transport: () => Transport;
};

/**
 * Creates the widget when the component mounts and destroys it when it unmounts. Engine options
 * (`transport`, `id`, `user`, `storage`, `multiTab`...) are read at mount; a change of the look
 * (`title`, `locale`, `primaryColor`, `colorScheme`, `position`...) is applied with `update()`,
 * keeping the conversation and its connection. Returns the widget, or null before the first
 * effect ran (and during server-side rendering).
 * @example
 * const chat = useSupportChat({ transport: () => createWebSocketTransport({ url }), title: 'Help' });
 * return <button onClick={() => chat?.open()}>Help</button>;
 */
export function useSupportChat(options: ReactSupportChatOptions): SupportChatInstance | null {
  const [chat, setChat] = useState<SupportChatInstance | null>(null);
  const latest = useRef(options);
  const applied = useRef<Partial<SupportChatOptions>>(options);
  latest.current = options;
  useEffect(() => {
    const instance = createSupportChat(latest.current);
    applied.current = latest.current;
    setChat(instance);
    return () => {
      setChat(null);
      // Page-level parts (id, multi-tab namespace, lock) are released before this returns.
      void instance.destroy();
    };
  }, []);
  useEffect(() => {
    if (!chat) return;
    const patch = lookChanges(applied.current, options);
    const signIn = identityChange(applied.current, options);
    applied.current = options;
    if (patch) chat.update(patch);
    // A rejection is a bad field: the widget reports it through its `error` event.
    if (signIn) chat.identify(...signIn).catch((error: unknown) => chat.chat.reportError(error as ChatError));
  });
  return chat;
}

/** Props of {@link SupportChat}: the options, and a callback that gets the widget (null on unmount). */
export type SupportChatProps = ReactSupportChatOptions & {
  onWidget?: (chat: SupportChatInstance | null) => void;
};

/**
 * The widget as a component: it renders nothing in place (the widget lives beside the page's
 * body, or in `inline`'s element) and mounts while the component is mounted.
 * @example
 * <SupportChat transport={() => createWebSocketTransport({ url })} title="Help" />
 */
export function SupportChat(props: SupportChatProps): null {
  const { onWidget, ...options } = props;
  const chat = useSupportChat(options);
  const callback = useRef(onWidget);
  callback.current = onWidget;
  useEffect(() => {
    callback.current?.(chat);
  }, [chat]);
  return null;
}
