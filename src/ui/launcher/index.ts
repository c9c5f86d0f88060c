/**
 * First stage of the widget: the launcher only. It never imports the panel, so a build can ship
 * it alone and load the panel on first open.
 * @module
 */
import '@preact/signals';
import { createRef, h, render } from 'preact';
import type { ChatState } from '../../core/state';
import type { I18n } from '../../i18n';
import { Launcher } from './Launcher';

/** What {@link renderLauncher} needs. */
export interface LauncherOptions {
  state: ChatState;
  i18n: I18n;
  panelId: string;
  onToggle(): void;
}

/** A rendered launcher. */
export interface RenderedLauncher {
  focus(): void;
  unmount(): void;
}

/** Renders the launcher into `container`. */
export function renderLauncher(container: HTMLElement, options: LauncherOptions): RenderedLauncher {
  const buttonRef = createRef<HTMLButtonElement>();
  render(h(Launcher, { ...options, buttonRef }), container);
  return {
    focus: () => buttonRef.current?.focus(),
    unmount: () => render(null, container),
  };
}
