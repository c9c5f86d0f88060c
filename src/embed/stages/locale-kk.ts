/** Stage file `support-chat.locale-kk.js`: the Kazakh strings. @module */
import { kk } from '../../i18n/locales/kk';
import { defineStage } from './registry';

defineStage('locale-kk', __SC_BUILD__, { table: kk });
