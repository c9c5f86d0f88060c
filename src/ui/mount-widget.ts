/**
 * `mountWidget`: composes the launcher and the panel inside a shadow root, applies styles and
 * theme tokens, runs the live region, and moves focus on user open/close.
 * @module
 */
import { effect, untracked } from '@preact/signals-core';
import type { Chat } from '../core/chat';
import { renderLauncher } from './launcher';
import { renderPanel, type RenderedPanel } from './panel';
import { createAnnouncer } from './shared/announcer';
import { followColorScheme } from './shared/scheme';
import { adoptStyles } from './shared/styles';
import { followVisualViewport } from './shared/viewport';
import { applyTheme } from './shared/theme';
import { createTimeline } from './shared/timeline';
import { watchChat } from './shared/watch-chat';
import { WIDGET_CSS } from './styles';
import type { MountedWidget, UiConfig } from './types';

const IDS = { panel: 'sc-panel', title: 'sc-title' };

function defaultOpenUrl(url: string): void {
  window.open(url, '_blank', 'noopener,noreferrer');
}

/**
 * Mounts the widget into `shadowRoot` (owned by the embed) over `chat`.
 * @returns a handle whose `destroy()` removes everything the widget added.
 */
export function mountWidget(shadowRoot: ShadowRoot, chat: Chat, config: UiConfig): MountedWidget {
  const doc = shadowRoot.ownerDocument;
  const { i18n } = config;
  const host = shadowRoot.host as HTMLElement;
  const removeStyles = adoptStyles(shadowRoot, WIDGET_CSS, config.nonce);
  const removeTheme = applyTheme(host, config);

  const root = doc.createElement('div');
  root.className = `sc-root sc-root--${config.position === 'bottom-left' ? 'left' : 'right'}`;
  root.lang = i18n.lang;
  root.dir = i18n.dir;
  const region = doc.createElement('div');
  region.className = 'sc-vh';
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  region.setAttribute('aria-atomic', 'true');
  const panelHost = doc.createElement('div');
  panelHost.className = 'sc-panel-host';
  panelHost.hidden = true;
  const launcherHost = doc.createElement('div');
  launcherHost.className = 'sc-launcher-host';
  root.append(region, panelHost, launcherHost);
  shadowRoot.append(root);

  const stopViewport = followVisualViewport(root);
  const stopScheme = followColorScheme(root, config.colorScheme);
  const announcer = createAnnouncer(region, i18n);
  const stopWatching = watchChat(chat, i18n, announcer);
  const timeline = createTimeline(chat);
  let panel: RenderedPanel | null = null;

  const launcher = renderLauncher(launcherHost, {
    state: chat.state,
    i18n,
    panelId: IDS.panel,
    onToggle: () => chat.toggle('user'),
  });

  const ensurePanel = () => {
    panel ??= renderPanel(panelHost, {
      ctx: {
        chat,
        i18n,
        title: config.title,
        ...(config.subtitle ? { subtitle: config.subtitle } : {}),
        openUrl: config.openUrl ?? defaultOpenUrl,
        announce: (text) => announcer.say(text),
        notes: timeline.notes,
        ids: IDS,
      },
      onClose: () => {
        chat.close('user');
        launcher.focus();
      },
    });
    return panel;
  };

  const stopOpen = effect(() => {
    const open = chat.state.isOpen.value;
    const hadFocus = panelHost.contains(shadowRoot.activeElement);
    // Unhide before the first render so the transcript can measure itself and scroll.
    panelHost.hidden = !open;
    if (open) untracked(ensurePanel);
    root.classList.toggle('sc-root--open', open);
    if (!open && hadFocus) launcher.focus();
  });
  const stopOpenEvent = chat.on('open', ({ source }) => {
    if (source === 'user') ensurePanel().focusComposer();
  });

  return {
    focus() {
      if (chat.state.isOpen.peek()) ensurePanel().focusComposer();
    },
    destroy() {
      stopOpenEvent();
      stopViewport();
      stopScheme();
      stopOpen();
      stopWatching();
      timeline.dispose();
      announcer.dispose();
      panel?.unmount();
      launcher.unmount();
      root.remove();
      removeTheme();
      removeStyles();
    },
  };
}
