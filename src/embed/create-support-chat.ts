/**
 * `createSupportChat`: the widget with its whole UI linked in (the npm entry). The script-tag
 * build uses the same wiring with the panel loaded on first open (`src/embed/global.ts`).
 * @module
 */
import { createI18n } from '../i18n';
import { findSensitive, maskSensitive } from '../protocol/sensitive';
import { saveTranscript } from '../ui/panel/transcript-file';
import { mountWidget } from '../ui/mount-widget';
import { mountSupportChat, type SupportChat } from './mount-support-chat';
import { linkedPageAlerts } from './page-alerts-linked';
import type { SupportChatOptions } from './options';

export { HOST_TAG } from './mount-support-chat';
export type { SupportChat, SupportChatSnapshot, SupportChatUpdate } from './mount-support-chat';

/**
 * Creates and mounts a support chat.
 * @throws OptionError when an option is invalid (names the option and the reason).
 * @example
 * const chat = createSupportChat({ transport: createMemoryTransport(), title: 'Help' });
 * chat.on('message', (m) => console.log(m));
 */
export function createSupportChat(options: SupportChatOptions): SupportChat {
  return mountSupportChat(
    options,
    (shadow, chat, setup) => mountWidget(shadow, chat, setup.config(createI18n(setup.locale, setup.strings))),
    linkedPageAlerts,
    { transcript: () => ({ saveTranscript }), sensitive: () => ({ findSensitive, maskSensitive }) },
  );
}
