/** Stage file `support-chat.preview.js`: "what the operator will see", fetched when a handoff is under way. @module */
import { previewFlow } from '../../ui/panel/flows/modules';
import { defineStage } from './registry';

defineStage('preview', __SC_BUILD__, previewFlow);
