/**
 * Second stage of the widget: the chat dialog. `mountWidget` renders it on first open; a
 * split build can load this entry lazily without any change to the UI code.
 * @module
 */
import '@preact/signals';
import { createRef, h, render } from 'preact';
import { adoptStyles } from '../shared/styles';
import type { PanelContext } from './context';
import { createFlowHost } from './flows/host';
import { linkedFlows } from './flows/linked';
import type { FlowLoader } from './flows/types';
import { Panel } from './Panel';
import { PANEL_CSS } from './styles';

export type { PanelContext } from './context';
export type { FlowLoader, FlowModules, FlowName } from './flows/types';

/** What {@link renderPanel} needs. */
export interface PanelOptions {
  ctx: Omit<PanelContext, 'focusComposer' | 'flows'>;
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
export type RenderPanel = (container: HTMLElement, options: PanelOptions) => RenderedPanel;

/**
 * The dialog's renderer over `loadFlows`, which gives its rarely met flows (the code step, the
 * closing cards, the conversation list, the offline card, the sensitive-data guard) when they appear.
 */
export function createPanelRenderer(loadFlows: FlowLoader): RenderPanel {
  return (container, options) => {
    const root = container.getRootNode();
    // Compared by node type, not instanceof: the widget may live in another realm (iframe).
    const shadow = root.nodeType === 11 && 'host' in root ? (root as ShadowRoot) : null;
    const removeStyles = shadow ? adoptStyles(shadow, PANEL_CSS, options.nonce) : () => undefined;
    const flows = createFlowHost(loadFlows, shadow, options.nonce);
    const inputRef = createRef<HTMLTextAreaElement>();
    const focusComposer = () => inputRef.current?.focus({ preventScroll: true });
    render(h(Panel, { ctx: { ...options.ctx, focusComposer, flows }, onClose: options.onClose, inputRef }), container);
    return {
      focusComposer,
      unmount() {
        render(null, container);
        flows.dispose();
        removeStyles();
      },
    };
  };
}

/**
 * Renders the dialog with every flow linked in (`mountWidget`, and a split build that loads this
 * entry lazily: `() => import('./panel')`). The script-tag build's panel stage renders through
 * `createPanelRenderer` instead, with each flow a stage file of its own.
 */
export function renderPanel(container: HTMLElement, options: PanelOptions): RenderedPanel {
  return createPanelRenderer(linkedFlows)(container, options);
}
