/** Stage file `support-chat.ending.js`: the closing cards (rating, transcript download), fetched when a conversation ends. @module */
import { endingFlow } from '../../ui/panel/flows/modules';
import { defineStage } from './registry';

defineStage('ending', __SC_BUILD__, endingFlow);
