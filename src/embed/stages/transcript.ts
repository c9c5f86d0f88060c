/** Stage file `support-chat.transcript.js`: the transcript writer, fetched when the customer first saves a transcript. @module */
import { saveTranscript } from '../../ui/panel/transcript-file';
import { defineStage } from './registry';

defineStage('transcript', __SC_BUILD__, { saveTranscript });
