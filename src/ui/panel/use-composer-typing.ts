/**
 * The composer's typing indicator: "typing" is sent at most every few seconds while the user
 * types, and "stopped" after a pause, on send and when the composer goes away.
 * @module
 */
import { useEffect, useRef } from 'preact/hooks';
import type { Chat } from '../../core/chat';

/** Typing "on" is sent at most this often; "off" after this long without input. */
const TYPING_THROTTLE_MS = 3000;
const TYPING_IDLE_MS = 4000;

/** What the composer tells the typing indicator. */
export interface ComposerTyping {
  /** The user typed `value`: says "typing" (throttled) and restarts the pause timer. */
  typed(value: string): void;
  /** Says "stopped" now, if "typing" was said. */
  stop(): void;
}

/** Runs the typing indicator of one composer. */
export function useComposerTyping(chat: Chat): ComposerTyping {
  const typingSentAt = useRef(0);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const stop = () => {
    if (idleTimer.current !== undefined) clearTimeout(idleTimer.current);
    idleTimer.current = undefined;
    if (typingSentAt.current) chat.setTyping(false);
    typingSentAt.current = 0;
  };
  useEffect(() => () => stop(), []);

  const typed = (value: string) => {
    const now = Date.now();
    if (value && now - typingSentAt.current > TYPING_THROTTLE_MS) {
      typingSentAt.current = now;
      chat.setTyping(true);
    }
    if (idleTimer.current !== undefined) clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stop, TYPING_IDLE_MS);
  };
  return { typed, stop };
}
