/**
 * The widget's stylesheet, authored as plain CSS files and bundled as text.
 * @module
 */
import base from './base.css?inline';
import composer from './composer.css?inline';
import launcher from './launcher.css?inline';
import messages from './messages.css?inline';
import panel from './panel.css?inline';

/** All widget CSS, in cascade order. */
export const WIDGET_CSS: string = [base, launcher, panel, messages, composer].join('\n');
