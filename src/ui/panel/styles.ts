/**
 * The panel's stylesheet, shipped with the panel stage.
 * @module
 */
import composer from '../styles/composer.css?inline';
import controls from '../styles/controls.css?inline';
import messages from '../styles/messages.css?inline';
import panel from '../styles/panel.css?inline';
import parts from '../styles/parts.css?inline';

/** Dialog controls, dialog, transcript, parts and composer CSS, in cascade order. */
export const PANEL_CSS: string = [controls, panel, messages, parts, composer].join('\n');
