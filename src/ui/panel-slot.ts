/**
 * The panel's place in the first stage: renders it through a loader on first open, so a split
 * build can fetch the panel lazily (`() => import('./panel')`). While it loads the launcher
 * shows a ring (and, when slow, the live region says so); a failed load is said plainly and the
 * dialog closes again, so the next tap tries again.
 * @module
 */
import type { Chat } from '../core/chat';
import type { LauncherNote, RenderedLauncher } from './launcher';
import type { PanelOptions, RenderedPanel, RenderPanel } from './panel';
import type { Announcer } from './shared/announcer';
import type { Timeline } from './shared/timeline';
import type { UiConfig } from './types';

/** Element ids the launcher and the panel share. */
export const IDS = { panel: 'sc-panel', title: 'sc-title' };
/** After this long loading the panel, the live region says it is coming. */
const SLOW_LOAD_MS = 1000;

function defaultOpenUrl(url: string): void {
  window.open(url, '_blank', 'noopener,noreferrer');
}

/** The panel module: its renderer (`createPanelRenderer(loadFlows)` of `src/ui/panel`). */
export interface PanelModule {
  renderPanel: RenderPanel;
}

/** Gives the panel module, at once or once it is loaded. */
export type PanelLoader = () => PanelModule | Promise<PanelModule>;

/** What {@link createPanelSlot} renders the panel with. */
export interface PanelSlotOptions {
  chat: Chat;
  config: UiConfig;
  loadPanel: PanelLoader;
  /** The widget's root element (gets `sc-root--loading` while the panel loads). */
  root: HTMLElement;
  panelHost: HTMLElement;
  launcher: Pick<RenderedLauncher, 'focus'>;
  note: LauncherNote;
  announcer: Announcer;
  timeline: Timeline;
}

/** The panel slot of one mounted widget. */
export interface PanelSlot {
  /** Renders the panel (loading it first if needed); `focus` moves focus to the composer. */
  show(focus: boolean): void;
  /** Stops loading: a panel that arrives later is not rendered. */
  stop(): void;
  /** Unmounts the panel, if rendered. */
  unmount(): void;
}

/** The panel's render options over the widget's config. */
function panelOptions(o: PanelSlotOptions): PanelOptions {
  const { chat, config, announcer, timeline, launcher } = o;
  return {
    ctx: {
      chat,
      i18n: config.i18n,
      title: config.title,
      ...(config.subtitle ? { subtitle: config.subtitle } : {}),
      openUrl: config.openUrl ?? defaultOpenUrl,
      renderPart: config.renderPart,
      loadSensitive: config.loadSensitive,
      loadTranscript: config.loadTranscript,
      announce: (text) => announcer.say(text),
      notes: timeline.notes,
      ids: IDS,
      inline: config.inline === true,
    },
    onClose: () => {
      // Inline mode has nothing to close to.
      if (config.inline) return;
      chat.close('user');
      launcher.focus();
    },
    ...(config.nonce ? { nonce: config.nonce } : {}),
  };
}

/** Creates the slot; nothing is loaded before the first `show()`. */
export function createPanelSlot(o: PanelSlotOptions): PanelSlot {
  const { chat, root, announcer } = o;
  const { i18n } = o.config;
  let panel: RenderedPanel | null = null;
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
    panel = mod.renderPanel(o.panelHost, panelOptions(o));
    if (wantFocus && chat.state.isOpen.peek()) panel.focusComposer();
    wantFocus = false;
  };
  const show = (focus: boolean) => {
    if (panel) {
      if (focus) panel.focusComposer();
      return;
    }
    wantFocus ||= focus;
    if (loading) return;
    let mod: PanelModule | Promise<PanelModule>;
    try {
      mod = o.loadPanel();
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
        o.note.show(i18n.t('launcher.loadFailed'));
        chat.close('api');
      });
    } else attach(mod);
  };
  return {
    show,
    stop() {
      destroyed = true;
      clearTimeout(slowTimer);
    },
    unmount: () => panel?.unmount(),
  };
}
