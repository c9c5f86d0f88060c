/**
 * The optional page alerts (`sound`, `titleUnread`), started from code handed in: linked in by the
 * npm build (`linkedPageAlerts`), a stage file in the script-tag build (`support-chat.alerts.js`),
 * which only pages that turn one on download. This module imports neither watcher.
 * @module
 */
import type { Chat } from '../core/chat';
import type { SoundOptions, watchSound } from './sound';
import { asChatError } from './stages/registry';
import type { watchTitle } from './title-badge';

/** The alert watchers. */
export interface PageAlertsModule {
  watchSound: typeof watchSound;
  watchTitle: typeof watchTitle;
}

/** Where the alerts come from: linked in (npm), or a stage file (script tag). @internal */
export type LoadPageAlerts = () => PageAlertsModule | Promise<PageAlertsModule>;

/** What the alerts need from the page. @internal */
export interface PageAlertsSetup {
  sound: boolean;
  titleUnread: boolean;
  doc: Document;
  /** What the sound needs to play once per message, in one tab. */
  soundDeps: Omit<SoundOptions, 'document'>;
}

/**
 * Starts the alerts the options ask for (loading their code first when it is a stage file);
 * returns the stop function. A load that fails is reported through `error`; the chat goes on.
 * @internal
 */
export function startPageAlerts(chat: Chat, load: LoadPageAlerts, setup: PageAlertsSetup): () => void {
  if (!setup.sound && !setup.titleUnread) return () => undefined;
  let stopped = false;
  const stops: Array<() => void> = [];
  const begin = (m: PageAlertsModule) => {
    if (stopped || chat.destroyed) return;
    if (setup.titleUnread) stops.push(m.watchTitle(chat, setup.doc));
    if (setup.sound) stops.push(m.watchSound(chat, { ...setup.soundDeps, document: setup.doc }));
  };
  try {
    const loaded = load();
    if (loaded instanceof Promise) loaded.then(begin, (error: unknown) => !chat.destroyed && chat.reportError(asChatError(error)));
    else begin(loaded);
  } catch (error) {
    chat.reportError(asChatError(error));
  }
  return () => {
    stopped = true;
    for (const stop of stops.splice(0)) stop();
  };
}
