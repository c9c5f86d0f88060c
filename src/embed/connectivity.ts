/**
 * Notices when the connection may have died without anyone saying so, and tells the chat:
 * the browser going offline/online, the page becoming visible again, coming back from the
 * back/forward cache, and waking from laptop sleep (the wall clock jumps while timers stood
 * still). Offline shows "Waiting for network…" at once; every other signal asks the transport
 * to check its connection now (`checkAlive`), so recovery needs no reload.
 * @module
 */
import type { Chat } from '../core/chat';
import { ChatError } from '../core/errors';
import type { LivenessReason } from '../core/transport';

/** Options of {@link watchConnectivity}; the defaults read the page's globals. */
export interface ConnectivityOptions {
  window?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  document?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
  /** Whether the browser says it is online now. @default () => navigator.onLine !== false */
  isOnline?: () => boolean;
  /** How often the sleep detector looks at the clock, ms. @default 5000 */
  wakeCheckMs?: number;
  /** A gap between two looks longer than this means the machine slept, ms. @default 15000 */
  wakeGapMs?: number;
}

/** Starts watching; returns the function that removes every listener and the timer. */
export function watchConnectivity(chat: Chat, options: ConnectivityOptions = {}): () => void {
  const win = options.window ?? globalThis.window;
  const doc = options.document ?? globalThis.document;
  const isOnline = options.isOnline ?? (() => (globalThis.navigator as Navigator | undefined)?.onLine !== false);
  const checkMs = options.wakeCheckMs ?? 5000;
  const gapMs = options.wakeGapMs ?? 15_000;

  const check = (reason: LivenessReason) => {
    if (chat.destroyed) return;
    try {
      chat.transport.checkAlive?.(reason);
    } catch (error) {
      chat.reportError(new ChatError('support-chat: the connection check failed', { cause: error }));
    }
  };
  const onOffline = () => {
    if (!chat.destroyed) chat.setNetworkOnline(false);
  };
  const onOnline = () => {
    if (chat.destroyed) return;
    chat.setNetworkOnline(true);
    check('online');
  };
  const onVisibility = () => {
    if (doc.visibilityState === 'visible') check('visible');
  };
  const onPageShow = (event: Event) => {
    if ((event as PageTransitionEvent).persisted) {
      if (!chat.destroyed) chat.setNetworkOnline(isOnline());
      check('pageshow');
    }
  };
  let last = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    const gap = now - last;
    last = now;
    if (gap > gapMs) check('wake');
  }, checkMs);

  if (!isOnline()) chat.setNetworkOnline(false);
  win?.addEventListener('offline', onOffline);
  win?.addEventListener('online', onOnline);
  win?.addEventListener('pageshow', onPageShow);
  doc?.addEventListener('visibilitychange', onVisibility);
  return () => {
    clearInterval(timer);
    win?.removeEventListener('offline', onOffline);
    win?.removeEventListener('online', onOnline);
    win?.removeEventListener('pageshow', onPageShow);
    doc?.removeEventListener('visibilitychange', onVisibility);
  };
}
