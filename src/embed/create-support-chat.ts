/**
 * `createSupportChat`: the widget with its whole UI linked in (the npm entry). The script-tag
 * build uses the same wiring with the panel loaded on first open (`src/embed/global.ts`).
 * @module
 */
// The npm build's tables: every built-in language is on the page at once.
import '../i18n';
import { findSensitive, maskSensitive } from '../protocol/sensitive';
import { saveTranscript } from '../ui/panel/transcript-file';
import { mountWidget } from '../ui/mount-widget';
import { mountSupportChat, type SupportChat } from './mount-support-chat';
import { linkedPageAlerts } from './page-alerts-linked';
import { mountWith, translatorFor } from './stages/locale';
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
    // A built-in language mounts at once; one registered with a `load` mounts once its table is in.
    (shadow, chat, setup) =>
      mountWith(
        translatorFor(setup.locale, setup.strings, (error) => chat.reportError(error)),
        (i18n) => mountWidget(shadow, chat, setup.config(i18n)),
      ),
    linkedPageAlerts,
    { transcript: () => ({ saveTranscript }), sensitive: () => ({ findSensitive, maskSensitive }) },
  );
}
