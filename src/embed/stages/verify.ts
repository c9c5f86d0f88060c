/** Stage file `support-chat.verify.js`: the identity-code step of a handoff, fetched when the server asks for a code. @module */
import { codeFlow } from '../../ui/panel/flows/modules';
import { defineStage } from './registry';

defineStage('verify', __SC_BUILD__, codeFlow);
