/**
 * What stage 0 (`support-chat.iife.js`) and the engine it loads (`support-chat.engine.js`) tell
 * each other. Stage 0 hangs this record on its `window.SupportChat` (as `__stage0`); the engine
 * finds it there when it runs, checks the build id, adopts stage 0's host element and takes over
 * its launcher. Types and one reader only: neither side imports the other's code.
 * @module
 */

/** What the engine gives stage 0 once its widget is mounted. */
export interface EngineLink {
  /** Opens the dialog as a click on the launcher does (focus moves into it). */
  open(): void;
  /** Calls `fn` whenever the dialog opens; returns the unsubscriber. */
  onOpen(fn: () => void): () => void;
}

/** What stage 0 hands over with its launcher. */
export interface TakeOver {
  /** Stage 0's launcher had focus: the engine's launcher takes it. */
  focus: boolean;
  /** The launcher was clicked (or the greeting) before the engine was in: open the dialog once. */
  open: boolean;
  /** The person showed intent (pointer, touch, focus): fetch the dialog now. */
  intent: boolean;
}

/** Stage 0's side of the handoff. */
export interface Stage0 {
  /** Build id of stage 0; the engine refuses to run under another. */
  readonly build: string;
  /** The `<script>` that included stage 0 (its data attributes start the widget), if any. */
  readonly script: HTMLScriptElement | null;
  /** URL as a page enforcing Trusted Types accepts it (stage 0's `support-chat` policy). */
  scriptUrl(url: string): string;
  /** The engine is from another build: stage 0 reports it and keeps its launcher. */
  refused(message: string): void;
  /** The engine of this build is running. */
  arrived(): void;
  /** The engine could not start the widget (a bad option, logged): no busy launcher left turning. */
  notStarted(): void;
  /** Stage 0's host element, for the engine's widget to live in (null without a launcher). */
  host(): HTMLElement | null;
  /** Removes stage 0's launcher (the engine's is mounted) and says what was pending. */
  takeOver(link: EngineLink): TakeOver;
}

/** The property of stage 0's `window.SupportChat` that holds its {@link Stage0}. */
export const STAGE0_KEY = '__stage0';

/** Stage 0's record on `value` (the `window.SupportChat` the engine found), or null. */
export function stage0Of(value: unknown): Stage0 | null {
  if (typeof value !== 'function') return null;
  const link = (value as unknown as Record<string, unknown>)[STAGE0_KEY];
  return typeof link === 'object' && link !== null ? (link as Stage0) : null;
}
