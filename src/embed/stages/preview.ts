/** Stage file `support-chat.preview.js`: "what the operator will see", fetched when a handoff is under way. @module */
import { previewFlow } from '../../ui/panel/flows/modules';
import { enPreview } from '../../i18n/locales/en-flows';
import { registerEnglish } from '../../i18n/translator';
import { defineStage } from './registry';

registerEnglish(enPreview);
defineStage('preview', __SC_BUILD__, previewFlow);
