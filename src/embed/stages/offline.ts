/** Stage file `support-chat.offline.js`: the offline card and its leave-a-message form, fetched when no operator can take the chat. @module */
import { offlineFlow } from '../../ui/panel/flows/modules';
import { defineStage } from './registry';

defineStage('offline', __SC_BUILD__, offlineFlow);
