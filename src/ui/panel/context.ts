/**
 * What every panel component gets from `renderPanel`.
 * @module
 */
import type { ReadonlySignal } from '@preact/signals-core';
import type { Chat } from '../../core/chat';
import type { I18n } from '../../i18n';
import type { TimelineNote } from '../shared/timeline';
import type { FlowHost } from './flows/host';
import type { CustomPartRenderer, SensitiveLoader, TranscriptLoader } from '../types';

/** Shared inputs of the panel components. */
export interface PanelContext {
  chat: Chat;
  i18n: I18n;
  title: string;
  subtitle?: string;
  /** The host's renderer of `custom` message parts (the `renderPart` option). */
  renderPart?: CustomPartRenderer | undefined;
  /** Opens a checked URL from a `url` action. */
  openUrl(url: string): void;
  /** Speaks a line through the widget's live region. */
  announce(text: string): void;
  notes: ReadonlySignal<readonly TimelineNote[]>;
  ids: { panel: string; title: string };
  /** Inline mode: rendered inside the host's element, never modal, no close button. */
  inline?: boolean;
  /** Loads the detector of the composer's card/code guard; without it the guard is off. */
  loadSensitive?: SensitiveLoader | undefined;
  /** Loads the transcript writer; without it no transcript download is offered. */
  loadTranscript?: TranscriptLoader | undefined;
  /** The dialog's rarely met flows, loaded when they appear (see `flows/LazyFlow.tsx`). Set by the renderer. */
  flows: FlowHost;
  /** Moves focus to the composer (after the focused control went away). Set by `renderPanel`. */
  focusComposer(): void;
}
