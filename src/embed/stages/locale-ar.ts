/** Stage file `support-chat.locale-ar.js`: the Arabic strings. @module */
import { ar } from '../../i18n/locales/ar';
import { defineStage } from './registry';

defineStage('locale-ar', __SC_BUILD__, { table: ar });
