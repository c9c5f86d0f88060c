/** Stage file `support-chat.panel.js`: the chat dialog, and the English strings it uses. @module */
import { en } from '../../i18n/locales/en';
import { registerEnglish } from '../../i18n/translator';
import { renderPanel } from '../../ui/panel';
import { defineStage } from './registry';

registerEnglish(en);
defineStage('panel', __SC_BUILD__, { renderPanel });
