/** Stage file `support-chat.ending.js`: the closing cards (rating, transcript download), fetched when a conversation ends. @module */
import { endingFlow } from '../../ui/panel/flows/modules';
import { enEnding } from '../../i18n/locales/en-flows';
import { registerEnglish } from '../../i18n/translator';
import { defineStage } from './registry';

registerEnglish(enEnding);
defineStage('ending', __SC_BUILD__, endingFlow);
