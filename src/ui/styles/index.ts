/**
 * The widget's stylesheets, authored as plain CSS files and bundled as text: the first stage
 * (host isolation, tokens, launcher) and the panel's own sheet, adopted when the panel renders.
 * @module
 */
import base from './base.css?inline';
import launcher from './launcher.css?inline';

/** Host isolation, theme tokens, shared controls and the launcher. */
export const LAUNCHER_CSS: string = `${base}\n${launcher}`;
