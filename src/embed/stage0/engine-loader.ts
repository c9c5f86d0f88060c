/**
 * Fetches `support-chat.engine.js` from beside stage 0's own file, once at a time, with the
 * script's nonce and through the `support-chat` Trusted Types policy. A failed load (network,
 * a file that does not start the engine, one from another build) can be tried again.
 * @module
 */
import { scriptUrl } from './trusted-url';

/** The engine's load state. */
export interface EngineLoader {
  /** Starts loading, unless it is loading or in. */
  load(): void;
  /** The engine of this build ran. */
  arrived(): void;
  /** Loading failed (`message` goes to the console); the next `load()` tries again. */
  fail(message: string): void;
  readonly state: 'idle' | 'loading' | 'in';
}

/** A loader for the engine beside `script`; `onFail` hears a failure (not after it arrived). */
export function createEngineLoader(doc: Document, script: HTMLScriptElement | null, onFail: () => void): EngineLoader {
  let state: EngineLoader['state'] = 'idle';
  const fail = (message: string) => {
    console.warn(message);
    if (state === 'in') return;
    state = 'idle';
    onFail();
  };
  return {
    get state() {
      return state;
    },
    arrived: () => void (state = 'in'),
    fail,
    load() {
      if (state !== 'idle') return;
      state = 'loading';
      const el = doc.createElement('script');
      const url = new URL('support-chat.engine.js', script?.src || doc.baseURI).href;
      el.async = true;
      const nonce = script?.nonce || script?.dataset.nonce;
      if (nonce) el.nonce = nonce;
      el.onload = () => {
        el.remove();
        if (state === 'loading') fail(`support-chat: ${url} did not start the engine`);
      };
      el.onerror = () => {
        el.remove();
        fail(`support-chat: could not load ${url}`);
      };
      try {
        el.src = scriptUrl(url);
        (doc.head ?? doc.documentElement).appendChild(el);
      } catch (error) {
        fail(`support-chat: could not load ${url}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
