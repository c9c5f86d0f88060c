/** Stage file `support-chat.locale-he.js`: the Hebrew strings. @module */
import { he } from '../../i18n/locales/he';
import { defineStage } from './registry';

defineStage('locale-he', __SC_BUILD__, { table: he });
