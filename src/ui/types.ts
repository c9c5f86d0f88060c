/**
 * Configuration types shared by the launcher, the panel and `mountWidget`.
 * @module
 */
import type { ChatMessage } from '../core/model';
import type { I18n } from '../i18n';
import type { findSensitive, maskSensitive } from '../protocol/sensitive';
import type { saveTranscript } from './panel/transcript-file';

/**
 * Draws a `custom` message part. A string is shown as text (never parsed as HTML); a Node is
 * appended inside the widget's shadow root (so page styles do not reach it); `null`,
 * `undefined` or a throw show a neutral "Unsupported content" line and report one `error`.
 * Called once per part, not on every render.
 */
export type CustomPartRenderer = (part: { type: string; data: unknown }, message: ChatMessage) => Node | string | null | undefined;

/** The transcript writer (`src/ui/panel/transcript-file.ts`; a stage file in the script-tag build). */
export interface TranscriptModule {
  saveTranscript: typeof saveTranscript;
}

/** Gives the transcript writer, at once or once its stage file is in. */
export type TranscriptLoader = () => TranscriptModule | Promise<TranscriptModule>;

/** The sensitive-data detector (`src/protocol/sensitive.ts`; a stage file in the script-tag build). */
export interface SensitiveModule {
  findSensitive: typeof findSensitive;
  maskSensitive: typeof maskSensitive;
}

/** Gives the sensitive-data detector, at once or once its stage file is in. */
export type SensitiveLoader = () => SensitiveModule | Promise<SensitiveModule>;

/** How the widget looks and where it sits. The embed validates every field before mounting. */
export interface UiConfig {
  /** Header title (already localised or overridden by the embed). */
  title: string;
  /** Optional fixed subtitle; else the live status line is shown. */
  subtitle?: string;
  position: 'bottom-right' | 'bottom-left';
  /** Distance in px from the viewport edges. */
  offset: { x: number; y: number };
  /** Validated CSS colour (#rgb / #rrggbb), or undefined for the default. */
  primaryColor?: string;
  colorScheme: 'light' | 'dark' | 'auto';
  zIndex: number;
  /** Inline mode: the dialog fills the host's parent, always shown, no launcher, no floating. */
  inline?: boolean;
  /** Show the floating launcher. @default true */
  launcher?: boolean;
  /** Nonce for the `<style>` fallback when constructed stylesheets are unavailable. */
  nonce?: string;
  i18n: I18n;
  /** Opens `url` actions. @default window.open(url, '_blank', 'noopener,noreferrer') */
  openUrl?: (url: string) => void;
  /** Renders `custom` message parts; without it they show "Unsupported content". */
  renderPart?: CustomPartRenderer | undefined;
  /**
   * Loads the sensitive-data detector: with it, the composer holds card numbers, CVCs, codes and
   * passwords for the customer's choice (the embed leaves it out for `sensitiveGuard: false`).
   */
  loadSensitive?: SensitiveLoader | undefined;
  /**
   * Loads the transcript writer; the customer is offered a transcript download after the close only
   * when this is given (the embed leaves it out for `transcriptDownload: false`).
   */
  loadTranscript?: TranscriptLoader | undefined;
}

/** A mounted widget. */
export interface MountedWidget {
  /** Removes every node, style, token and listener the widget added. */
  destroy(): void;
  /** Focuses the composer when the dialog is open. */
  focus(): void;
}
