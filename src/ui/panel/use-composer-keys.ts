/**
 * The composer's keys: Enter sends, Shift+Enter (or any modifier) breaks the line, and nothing
 * is sent while an IME is composing.
 * @module
 */
import { useRef } from 'preact/hooks';

/** The textarea's key and composition handlers. */
export interface ComposerKeys {
  onKeyDown(event: KeyboardEvent): void;
  onCompositionStart(): void;
  onCompositionEnd(): void;
}

/** Key handling of one composer; `send` runs on a plain Enter. */
export function useComposerKeys(send: () => void): ComposerKeys {
  const composing = useRef(false);
  return {
    onKeyDown(event) {
      if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
      // keyCode 229: Safari reports the Enter that ends an IME composition this way.
      if (event.isComposing || composing.current || event.keyCode === 229) return;
      event.preventDefault();
      send();
    },
    onCompositionStart: () => void (composing.current = true),
    onCompositionEnd: () => void (composing.current = false),
  };
}
