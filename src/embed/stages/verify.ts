/** Stage file `support-chat.verify.js`: the identity-code step of a handoff, fetched when the server asks for a code. @module */
import { codeFlow } from '../../ui/panel/flows/modules';
import { enVerify } from '../../i18n/locales/en-flows';
import { registerEnglish } from '../../i18n/translator';
import { defineStage } from './registry';

registerEnglish(enVerify);
defineStage('verify', __SC_BUILD__, codeFlow);
