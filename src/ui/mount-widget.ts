/**
 * `mountWidget`: the whole widget in one bundle, the launcher with the panel linked in.
 * @module
 */
import type { Chat } from '../core/chat';
import { mountLauncher } from './mount-launcher';
import * as panel from './panel';
import type { MountedWidget, UiConfig } from './types';

/**
 * Mounts the widget into `shadowRoot` (owned by the embed) over `chat`.
 * @returns a handle whose `destroy()` removes every node, style, token and listener it added.
 */
export function mountWidget(shadowRoot: ShadowRoot, chat: Chat, config: UiConfig): MountedWidget {
  return mountLauncher(shadowRoot, chat, config, () => panel);
}
