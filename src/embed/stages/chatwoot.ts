/** Stage file `support-chat.chatwoot.js`: the Chatwoot adapter (REST + ActionCable). @module */
import { createChatwootTransport } from '../../transports/chatwoot';
import { defineStage } from './registry';

defineStage('chatwoot', __SC_BUILD__, { createChatwootTransport });
