/**
 * The widget UI: preact components in a shadow root over the framework-free chat engine.
 * @module
 */
export { mountWidget } from './mount-widget';
export type { MountedWidget, UiConfig } from './types';
