/** Stage file `support-chat.conversations.js`: the conversation list, fetched when a customer with several conversations reaches for it. @module */
import { conversationsFlow } from '../../ui/panel/flows/modules';
import { enConversations } from '../../i18n/locales/en-flows';
import { registerEnglish } from '../../i18n/translator';
import { defineStage } from './registry';

registerEnglish(enConversations);
defineStage('conversations', __SC_BUILD__, conversationsFlow);
