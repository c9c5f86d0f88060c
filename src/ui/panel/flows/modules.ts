/**
 * The flow modules, each its components and stylesheet (the stage files each import one; the
 * bundler keeps only what a stage file reaches).
 * @module
 */
import code from '../../styles/code.css?inline';
import conversations from '../../styles/conversations.css?inline';
import ending from '../../styles/ending.css?inline';
import guard from '../../styles/guard.css?inline';
import offline from '../../styles/offline.css?inline';
import preview from '../../styles/preview.css?inline';
import { ConversationList } from '../ConversationList';
import { HandoffPreviewCard } from '../HandoffPreviewCard';
import { OfflineCard } from '../OfflineCard';
import { RatingPrompt } from '../RatingPrompt';
import { SensitiveGuard } from '../SensitiveGuard';
import { TranscriptDownload } from '../TranscriptDownload';
import { VerificationForm } from '../VerificationForm';
import type { FlowModules } from './types';

export const codeFlow: FlowModules['verify'] = { VerificationForm, css: code };
export const endingFlow: FlowModules['ending'] = { RatingPrompt, TranscriptDownload, css: ending };
export const conversationsFlow: FlowModules['conversations'] = { ConversationList, css: conversations };
export const offlineFlow: FlowModules['offline'] = { OfflineCard, css: offline };
export const guardFlow: FlowModules['guard'] = { SensitiveGuard, css: guard };
export const previewFlow: FlowModules['preview'] = { HandoffPreviewCard, css: preview };
