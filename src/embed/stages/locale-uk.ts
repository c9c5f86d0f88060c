/** Stage file `support-chat.locale-uk.js`: the Ukrainian strings. @module */
import { uk } from '../../i18n/locales/uk';
import { defineStage } from './registry';

defineStage('locale-uk', __SC_BUILD__, { table: uk });
