/** Stage file `support-chat.conversations.js`: the conversation list, fetched when a customer with several conversations reaches for it. @module */
import { conversationsFlow } from '../../ui/panel/flows/modules';
import { defineStage } from './registry';

defineStage('conversations', __SC_BUILD__, conversationsFlow);
