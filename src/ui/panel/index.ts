/**
 * Second stage of the widget: the chat dialog. `mountWidget` renders it on first open; a
 * split build can load this entry lazily without any change to the UI code.
 * @module
 */
import '@preact/signals';
import { createRef, h, render } from 'preact';
import { adoptStyles } from '../shared/styles';
import type { PanelContext } from './context';
import { Panel } from './Panel';
import { PANEL_CSS } from './styles';

export type { PanelContext } from './context';

/** What {@link renderPanel} needs. */
export interface PanelOptions {
  ctx: Omit<PanelContext, 'focusComposer'>;
  /** Called when the user closes the dialog (close button or Escape). */
  onClose(): void;
  /** Nonce for the `<style>` fallback. */
  nonce?: string;
}

/** A rendered panel. */
export interface RenderedPanel {
  /** Moves focus to the composer. */
  focusComposer(): void;
  unmount(): void;
}

/** Renders the dialog into `container` (inside the widget's shadow root) with its stylesheet. */
export function renderPanel(container: HTMLElement, options: PanelOptions): RenderedPanel {
  const root = container.getRootNode();
  // Compared by node type, not instanceof: the widget may live in another realm (iframe).
  const shadow = root.nodeType === 11 && 'host' in root ? (root as ShadowRoot) : null;
  const removeStyles = shadow ? adoptStyles(shadow, PANEL_CSS, options.nonce) : () => undefined;
  const inputRef = createRef<HTMLTextAreaElement>();
  const focusComposer = () => inputRef.current?.focus({ preventScroll: true });
  render(h(Panel, { ctx: { ...options.ctx, focusComposer }, onClose: options.onClose, inputRef }), container);
  return {
    focusComposer,
    unmount() {
      render(null, container);
      removeStyles();
    },
  };
}
