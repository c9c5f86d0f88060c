// Compiled by `npm test` after the build under bundler, node16 and nodenext resolution: the React
// and Vue wrappers' declarations resolve through the package's `exports`, the transport must be a
// factory, and `identify` is typed.
import type { IdentifySignature, IdentifyUser, SupportChat } from 'support-chat';
import { SupportChat as SupportChatComponent, useSupportChat, type SupportChatProps } from 'support-chat/react';
import { useSupportChat as useVueSupportChat } from 'support-chat/vue';
import { createWebSocketTransport } from 'support-chat/websocket';

const transport = () => createWebSocketTransport({ url: 'wss://chat.example.com/swp/v1/ws' });
export function useReactWidget(): SupportChat | null {
  // @ts-expect-error: a transport object, not a factory (a remount would reuse a disconnected one).
  useSupportChat({ transport: transport() });
  return useSupportChat({ transport, title: 'Help' });
}
export const props: SupportChatProps = { transport, title: 'Help', onWidget: (chat) => void chat?.open() };
export const component: (p: SupportChatProps) => null = SupportChatComponent;
export function useVueWidget(): SupportChat | null {
  return useVueSupportChat(() => ({ transport, locale: 'en' })).value;
}
export function signIn(chat: SupportChat, user: IdentifyUser, signature: IdentifySignature): Promise<void> {
  // @ts-expect-error: the signature is { hash, expires }.
  void chat.identify(user, { hash: 'x' });
  return chat.identify(user, signature);
}
