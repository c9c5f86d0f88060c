/** Stage file `support-chat.rasa.js`: the Rasa adapter (REST and Socket.IO channels). @module */
import { createRasaTransport } from '../../transports/rasa';
import { defineStage } from './registry';

defineStage('rasa', __SC_BUILD__, { createRasaTransport });
