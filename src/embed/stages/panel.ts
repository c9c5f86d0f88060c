/** Stage file `support-chat.panel.js`: the chat dialog. @module */
import { renderPanel } from '../../ui/panel';
import { defineStage } from './registry';

defineStage('panel', __SC_BUILD__, { renderPanel });
