/** Stage file `support-chat.locale-ru.js`: the Russian strings. @module */
import { ru } from '../../i18n/locales/ru';
import { defineStage } from './registry';

defineStage('locale-ru', __SC_BUILD__, { table: ru });
