/**
 * `mountLauncher`: the widget's first stage. Applies styles and theme tokens, renders the
 * launcher, runs the live region, and renders the panel through a loader on first open (see
 * `panel-slot.ts`), so a split build can fetch the panel lazily (`() => import('./panel')`)
 * with no change here.
 * @module
 */
import { effect, untracked } from '@preact/signals-core';
import type { Chat } from '../core/chat';
import { createLauncherNote, renderLauncher } from './launcher';
import { createPanelSlot, IDS, type PanelLoader } from './panel-slot';
import { createAnnouncer } from './shared/announcer';
import { followColorScheme } from './shared/scheme';
import { adoptStyles } from './shared/styles';
import { followVisualViewport, NARROW_QUERY } from './shared/viewport';
import { createScrollLock } from './shared/scroll-lock';
import { applyTheme } from './shared/theme';
import { createTimeline } from './shared/timeline';
import { watchChat } from './shared/watch-chat';
import { LAUNCHER_CSS } from './styles';
import type { MountedWidget, UiConfig } from './types';

export type { PanelLoader, PanelModule } from './panel-slot';

/** The widget's elements: the root, the live region, and the launcher's and the panel's hosts. */
function createElements(doc: Document, config: UiConfig) {
  const { i18n } = config;
  const root = doc.createElement('div');
  root.className = `sc-root sc-root--${config.position === 'bottom-left' ? 'left' : 'right'}`;
  if (config.inline) root.classList.add('sc-root--inline');
  if (config.inline || config.launcher === false) root.classList.add('sc-root--no-launcher');
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
  // Launcher first: Tab goes from it straight into the open dialog.
  root.append(region, launcherHost, panelHost);
  return { root, region, panelHost, launcherHost };
}

/**
 * Mounts the launcher into `shadowRoot` (owned by the embed) over `chat`; the panel comes from
 * `loadPanel` on first open.
 * @returns a handle whose `destroy()` removes everything the widget added.
 */
export function mountLauncher(shadowRoot: ShadowRoot, chat: Chat, config: UiConfig, loadPanel: PanelLoader): MountedWidget {
  const doc = shadowRoot.ownerDocument;
  const { i18n } = config;
  const host = shadowRoot.host as HTMLElement;
  const removeStyles = adoptStyles(shadowRoot, LAUNCHER_CSS, config.nonce);
  const removeTheme = applyTheme(host, config);

  const { root, region, panelHost, launcherHost } = createElements(doc, config);
  shadowRoot.append(root);

  const stopViewport = followVisualViewport(root);
  const stopScheme = followColorScheme(root, config.colorScheme);
  const announcer = createAnnouncer(region, i18n);
  const stopWatching = watchChat(chat, i18n, announcer);
  const timeline = createTimeline(chat);

  const note = createLauncherNote(launcherHost);
  const launcher = renderLauncher(launcherHost, {
    state: chat.state,
    i18n,
    panelId: IDS.panel,
    onToggle: () => {
      note.hide();
      chat.toggle('user');
    },
  });
  const panel = createPanelSlot({ chat, config, loadPanel, root, panelHost, launcher, note, announcer, timeline });

  const inline = config.inline === true;
  // Phones: the full-screen dialog locks the page's scroll while open (restored exactly after).
  const scrollLock = createScrollLock(doc);
  const narrow = doc.defaultView?.matchMedia?.(NARROW_QUERY) ?? null;
  const syncLock = () => scrollLock.set(!inline && chat.state.isOpen.peek() && narrow?.matches === true);
  narrow?.addEventListener?.('change', syncLock);
  /** Where focus goes back on close when our launcher is hidden: the page's own button. */
  let returnTo: HTMLElement | null = null;
  const stopOpen = effect(() => {
    const open = inline || chat.state.isOpen.value;
    const hadFocus = panelHost.contains(shadowRoot.activeElement);
    if (open && !hadFocus) returnTo = pageFocus(doc, host);
    // Unhide before the first render so the transcript can measure itself and scroll.
    panelHost.hidden = !open;
    if (open) untracked(() => panel.show(false));
    root.classList.toggle('sc-root--open', open);
    untracked(syncLock);
    if (!open && hadFocus) (config.launcher === false && returnTo?.isConnected ? returnTo : launcher).focus();
  });
  const stopOpenEvent = chat.on('open', ({ source }) => {
    if (source === 'user') panel.show(true);
  });

  return {
    focus() {
      if (chat.state.isOpen.peek()) panel.show(true);
    },
    destroy() {
      narrow?.removeEventListener?.('change', syncLock);
      scrollLock.set(false);
      panel.stop();
      stopOpenEvent();
      stopViewport();
      stopScheme();
      stopOpen();
      stopWatching();
      timeline.dispose();
      announcer.dispose();
      panel.unmount();
      note.hide();
      launcher.unmount();
      root.remove();
      removeTheme();
      removeStyles();
    },
  };
}

/** The page's focused element outside the widget, if any. */
function pageFocus(doc: Document, host: HTMLElement): HTMLElement | null {
  const active = doc.activeElement as HTMLElement | null;
  return active && active !== host && active !== doc.body && typeof active.focus === 'function' ? active : null;
}
