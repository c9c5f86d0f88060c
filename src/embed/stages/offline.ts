/** Stage file `support-chat.offline.js`: the offline card and its leave-a-message form, fetched when no operator can take the chat. @module */
import { offlineFlow } from '../../ui/panel/flows/modules';
import { enOffline } from '../../i18n/locales/en-flows';
import { registerEnglish } from '../../i18n/translator';
import { defineStage } from './registry';

registerEnglish(enOffline);
defineStage('offline', __SC_BUILD__, offlineFlow);
