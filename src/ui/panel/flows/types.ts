/**
 * The dialog's rarely met flows: each a module of its own that the panel loads when the flow
 * appears (a stage file in the script-tag build, linked in by `mountWidget` in the npm build).
 * @module
 */
import type { ConversationList } from '../ConversationList';
import type { HandoffPreviewCard } from '../HandoffPreviewCard';
import type { OfflineCard } from '../OfflineCard';
import type { RatingPrompt } from '../RatingPrompt';
import type { SensitiveGuard } from '../SensitiveGuard';
import type { TranscriptDownload } from '../TranscriptDownload';
import type { VerificationForm } from '../VerificationForm';

/** Each flow's components, and its stylesheet (adopted into the widget's shadow root when it is in). */
export interface FlowModules {
  /** The identity-code step of a handoff. */
  verify: { VerificationForm: typeof VerificationForm; css: string };
  /** The closing cards: rating and transcript download. */
  ending: { RatingPrompt: typeof RatingPrompt; TranscriptDownload: typeof TranscriptDownload; css: string };
  /** The list of the customer's conversations (several conversations only). */
  conversations: { ConversationList: typeof ConversationList; css: string };
  /** The offline card and its leave-a-message form. */
  offline: { OfflineCard: typeof OfflineCard; css: string };
  /** "What the operator will see", while a handoff waits. */
  preview: { HandoffPreviewCard: typeof HandoffPreviewCard; css: string };
  /** The sensitive-data guard's card (the detector is the `sensitive` stage). */
  guard: { SensitiveGuard: typeof SensitiveGuard; css: string };
}

/** A flow's name (its stage file is `support-chat.<name>.js`). */
export type FlowName = keyof FlowModules;

/** Gives a flow's module, at once or once it is loaded; a failed load rejects (the next call tries again). */
export type FlowLoader = <K extends FlowName>(name: K) => FlowModules[K] | Promise<FlowModules[K]>;
