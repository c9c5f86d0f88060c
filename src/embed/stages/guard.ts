/** Stage file `support-chat.guard.js`: the sensitive-data guard's card, fetched with the detector. @module */
import { guardFlow } from '../../ui/panel/flows/modules';
import { defineStage } from './registry';

defineStage('guard', __SC_BUILD__, guardFlow);
