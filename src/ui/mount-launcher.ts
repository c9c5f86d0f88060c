/**
 * `mountLauncher`: the widget's first stage. Applies styles and theme tokens, renders the
 * launcher, runs the live region, and renders the panel through a loader on first open, so a
 * split build can fetch the panel lazily (`() => import('./panel')`) with no change here.
 * @module
 */
import { effect, untracked } from '@preact/signals-core';
import type { Chat } from '../core/chat';
import { createLauncherNote, renderLauncher } from './launcher';
import type { RenderedPanel, renderPanel } from './panel';
import { createAnnouncer } from './shared/announcer';
import { followColorScheme } from './shared/scheme';
import { adoptStyles } from './shared/styles';
import { followVisualViewport } from './shared/viewport';
import { applyTheme } from './shared/theme';
import { createTimeline } from './shared/timeline';
import { watchChat } from './shared/watch-chat';
import { LAUNCHER_CSS } from './styles';
import type { MountedWidget, UiConfig } from './types';

const IDS = { panel: 'sc-panel', title: 'sc-title' };
/** After this long loading the panel, the live region says it is coming. */
const SLOW_LOAD_MS = 1000;

function defaultOpenUrl(url: string): void {
  window.open(url, '_blank', 'noopener,noreferrer');
}

/** What the panel entry (`src/ui/panel`) exports. */
export interface PanelModule {
  renderPanel: typeof renderPanel;
}

/** Gives the panel module, at once or once it is loaded. */
export type PanelLoader = () => PanelModule | Promise<PanelModule>;

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
  // Launcher first: Tab goes from it straight into the open dialog.
  root.append(region, launcherHost, panelHost);
  shadowRoot.append(root);

  const stopViewport = followVisualViewport(root);
  const stopScheme = followColorScheme(root, config.colorScheme);
  const announcer = createAnnouncer(region, i18n);
  const stopWatching = watchChat(chat, i18n, announcer);
  const timeline = createTimeline(chat);
  let panel: RenderedPanel | null = null;

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

  let destroyed = false;
  let loading = false;
  let wantFocus = false;
  let slowTimer: ReturnType<typeof setTimeout> | undefined;
  const setLoading = (on: boolean) => {
    loading = on;
    root.classList.toggle('sc-root--loading', on);
    clearTimeout(slowTimer);
    // The ring is visual only: on a slow network, say that the chat is on its way.
    slowTimer = on ? setTimeout(() => announcer.say(i18n.t('launcher.loading')), SLOW_LOAD_MS) : undefined;
  };
  const attach = (mod: PanelModule) => {
    setLoading(false);
    if (destroyed || panel) return;
    panel = mod.renderPanel(panelHost, {
      ctx: {
        chat,
        i18n,
        title: config.title,
        ...(config.subtitle ? { subtitle: config.subtitle } : {}),
        openUrl: config.openUrl ?? defaultOpenUrl,
        renderPart: config.renderPart,
        announce: (text) => announcer.say(text),
        notes: timeline.notes,
        ids: IDS,
      },
      onClose: () => {
        chat.close('user');
        launcher.focus();
      },
      ...(config.nonce ? { nonce: config.nonce } : {}),
    });
    if (wantFocus && chat.state.isOpen.peek()) panel.focusComposer();
    wantFocus = false;
  };
  /** Renders the panel (loading it first if needed); `focus` moves focus to the composer. */
  const showPanel = (focus: boolean) => {
    if (panel) {
      if (focus) panel.focusComposer();
      return;
    }
    wantFocus ||= focus;
    if (loading) return;
    let mod: PanelModule | Promise<PanelModule>;
    try {
      mod = loadPanel();
    } catch {
      return;
    }
    if (mod instanceof Promise) {
      setLoading(true);
      mod.then(attach, () => {
        setLoading(false);
        if (destroyed) return;
        // Said plainly, and closed again so the next tap tries again.
        wantFocus = false;
        note.show(i18n.t('launcher.loadFailed'));
        chat.close('api');
      });
    } else attach(mod);
  };

  const stopOpen = effect(() => {
    const open = chat.state.isOpen.value;
    const hadFocus = panelHost.contains(shadowRoot.activeElement);
    // Unhide before the first render so the transcript can measure itself and scroll.
    panelHost.hidden = !open;
    if (open) untracked(() => showPanel(false));
    root.classList.toggle('sc-root--open', open);
    if (!open && hadFocus) launcher.focus();
  });
  const stopOpenEvent = chat.on('open', ({ source }) => {
    if (source === 'user') showPanel(true);
  });

  return {
    focus() {
      if (chat.state.isOpen.peek()) showPanel(true);
    },
    destroy() {
      destroyed = true;
      clearTimeout(slowTimer);
      stopOpenEvent();
      stopViewport();
      stopScheme();
      stopOpen();
      stopWatching();
      timeline.dispose();
      announcer.dispose();
      panel?.unmount();
      note.hide();
      launcher.unmount();
      root.remove();
      removeTheme();
      removeStyles();
    },
  };
}
