/**
 * The widget UI: preact components in a shadow root over the framework-free chat engine.
 * `mountWidget` links everything; `mountLauncher` takes a panel loader for split builds.
 * @module
 */
export { mountWidget } from './mount-widget';
export { mountLauncher, type PanelLoader, type PanelModule } from './mount-launcher';
export type { CustomPartRenderer, MountedWidget, UiConfig } from './types';
