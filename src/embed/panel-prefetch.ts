/**
 * When the script-tag build fetches the panel before the first open: on intent (a pointer over,
 * a touch on, or focus in the widget), and in idle time for someone who has written here before
 * or has unread messages (a badge invites the tap), so opening does not wait for the download.
 * A visitor with neither, who never opens the chat, never downloads it.
 * @module
 */
import { effect } from '@preact/signals-core';
import type { ChatState } from '../core/state';

const INTENT_EVENTS = ['pointerover', 'touchstart', 'focusin'] as const;
/** Longest wait for an idle moment. */
const IDLE_TIMEOUT_MS = 3000;

/** Runs `fn` when the page is idle (or after a short delay); returns a cancel function. */
function whenIdle(fn: () => void): () => void {
  const g = globalThis as {
    requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number;
    cancelIdleCallback?: (id: number) => void;
  };
  if (g.requestIdleCallback && g.cancelIdleCallback) {
    const id = g.requestIdleCallback(fn, { timeout: IDLE_TIMEOUT_MS });
    return () => g.cancelIdleCallback?.(id);
  }
  const timer = setTimeout(fn, 200);
  return () => clearTimeout(timer);
}

/**
 * Calls `prefetch` once, on the first sign of intent on `host`, or when `state` has unread
 * messages or one of the user's own. @returns a function that stops watching.
 * @internal
 */
export function watchPanelIntent(host: HTMLElement, state: Pick<ChatState, 'messages' | 'unread'>, prefetch: () => void): () => void {
  let done = false;
  let stopEffect: (() => void) | undefined;
  let idle: (() => void) | undefined;
  const stop = () => {
    done = true;
    for (const type of INTENT_EVENTS) host.removeEventListener(type, fire);
    stopEffect?.();
    idle?.();
  };
  function fire(): void {
    if (done) return;
    stop();
    prefetch();
  }
  for (const type of INTENT_EVENTS) host.addEventListener(type, fire, { passive: true });
  stopEffect = effect(() => {
    if (idle === undefined && (state.unread.value > 0 || state.messages.value.some((m) => m.from.role === 'user'))) {
      idle = whenIdle(fire);
    }
  });
  return stop;
}
