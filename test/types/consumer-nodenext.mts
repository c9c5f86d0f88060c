// Compiled by `npm test` after the build with `--module nodenext --moduleResolution nodenext`, as an
// npm consumer outside a bundler resolves the package (a self-reference to its own `exports`): the
// declarations must resolve, and nothing may silently be `any`.
import { createSupportChat, createWebSocketTransport, type ChatMessage, type SupportChatOptions, type Transport } from 'support-chat';
import type {} from 'support-chat/iife';

const transport: Transport = createWebSocketTransport({ url: 'wss://chat.example.com/swp/v1/ws' });
const options: SupportChatOptions = { transport, position: 'bottom-left' };
const chat = createSupportChat(options);
// @ts-expect-error: a typo in an option is a type error (createSupportChat is not `any`).
createSupportChat({ transport, positon: 'bottom-left' });
const first: ChatMessage | undefined = chat.state.messages.value[0];
const open: () => void = () => window.SupportChat.VERSION.length;
export { first, open };
