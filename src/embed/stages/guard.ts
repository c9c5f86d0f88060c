/** Stage file `support-chat.guard.js`: the sensitive-data guard's card, fetched with the detector. @module */
import { guardFlow } from '../../ui/panel/flows/modules';
import { enGuard } from '../../i18n/locales/en-flows';
import { registerEnglish } from '../../i18n/translator';
import { defineStage } from './registry';

registerEnglish(enGuard);
defineStage('guard', __SC_BUILD__, guardFlow);
