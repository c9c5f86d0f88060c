/**
 * Typing, both ways: the indicator of who is typing on the other side (cleared after a timeout,
 * when they send, or when the connection drops) and the user's own typing, told to the transport.
 * @module
 */
import type { Participant } from '../model';
import type { Engine } from './context';

/** How long an indicator stays without news from the other side. */
const TYPING_TIMEOUT_MS = 30_000;

/** @internal */
export interface Typing {
  /** Shows who is typing (null hides it); hides itself after a timeout. */
  show(who: Participant | null): void;
  /** Hides the indicator if `id` is the one typing. */
  clearTypingOf(id: string): void;
  /** The user is typing (only while online). */
  setTyping(on: boolean): void;
  stop(): void;
}

/** @internal */
export function createTyping(engine: Engine): Typing {
  const { s } = engine;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const show = (who: Participant | null) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    s.typing.value = who;
    if (who) {
      timer = setTimeout(() => {
        timer = undefined;
        s.typing.value = null;
      }, TYPING_TIMEOUT_MS);
    }
  };
  return {
    show,
    clearTypingOf(id) {
      const typing = s.typing.peek();
      if (typing && typing.id === id) s.typing.value = null;
    },
    setTyping(on) {
      if (engine.destroyed || s.connection.peek() !== 'online') return;
      engine.transport.setTyping?.(on);
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
