/** Stage file `support-chat.locale-de.js`: the German strings. @module */
import { de } from '../../i18n/locales/de';
import { defineStage } from './registry';

defineStage('locale-de', __SC_BUILD__, { table: de });
