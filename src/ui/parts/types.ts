/**
 * What a part renderer gets, and the shape of a registry entry.
 * @module
 */
import type { JSX } from 'preact';
import type { ChatError } from '../../core/errors';
import type { Action, ChatMessage, Part } from '../../core/model';
import type { I18n } from '../../i18n';
import type { CustomPartRenderer } from '../types';

/** Inputs shared by every part of every message. */
export interface PartEnv {
  i18n: I18n;
  onAction(action: Action): void;
  /** The host's renderer of `custom` parts, when it gave one. */
  renderPart?: CustomPartRenderer | undefined;
  /** Reports a failure through the chat's `error` event. */
  reportError(error: ChatError): void;
  /** The backend declared `capabilities.richText`: bot and operator text is formatted. */
  richText: boolean;
}

/** Props of a part renderer. */
export interface PartProps<P extends Part = Part> {
  part: P;
  message: ChatMessage;
  env: PartEnv;
}

/** One part kind: how it renders. Its description lives in `describe.ts` (first-stage safe). */
export interface PartEntry<P extends Part> {
  View(props: PartProps<P>): JSX.Element | null;
}
