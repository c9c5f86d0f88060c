/**
 * The panel's stylesheet, shipped with the panel stage.
 * @module
 */
import cards from '../styles/cards.css?inline';
import composer from '../styles/composer.css?inline';
import controls from '../styles/controls.css?inline';
import footer from '../styles/footer.css?inline';
import header from '../styles/header.css?inline';
import messages from '../styles/messages.css?inline';
import panel from '../styles/panel.css?inline';
import parts from '../styles/parts.css?inline';
import queue from '../styles/queue.css?inline';
import quickReplies from '../styles/quick-replies.css?inline';
import typing from '../styles/typing.css?inline';

/** Dialog controls, dialog (frame, header and banners, footer), transcript, parts and composer CSS, in cascade order. */
export const PANEL_CSS: string = [controls, panel, header, footer, queue, messages, quickReplies, cards, typing, parts, composer].join(
  '\n',
);
