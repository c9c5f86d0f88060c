/**
 * The script-tag build's stage loader. The first stage (`support-chat.iife.js`) holds the engine,
 * the launcher and the WebSocket transport; the chat panel, the HTTP transport and the in-page
 * memory transport are classic scripts of their own beside it (`support-chat.<stage>.js`),
 * fetched only when needed. A stage file calls {@link defineStage} when it runs; it gets the
 * modules it shares with the first stage (preact, signals, the core) from the first stage, so
 * there is one copy of each on the page.
 * @module
 */
import { scriptUrl as ownScriptUrl } from '../stage0/trusted-url';
import { ChatError, isChatError } from '../../core/errors';
import type { StageModules, StageName } from './types';

/** Id of this build; a stage file built with another first stage is refused. */
const BUILD = typeof __SC_BUILD__ === 'string' ? __SC_BUILD__ : 'dev';

interface Pending {
  promise: Promise<unknown>;
  resolve(mod: unknown): void;
  reject(error: Error): void;
}

const stages = new Map<StageName, Pending>();
const defined = new Map<StageName, unknown>();
let base: string | undefined;
let scriptNonce: string | undefined;

/** Stage URLs through the page's `support-chat` Trusted Types policy (stage 0's, or our own). */
let toUrl: (url: string) => string = ownScriptUrl;

/**
 * Where the stage files live (the URL of the first stage's own script) and the nonce to load
 * them with under a nonce-based CSP, and stage 0's Trusted Types policy when stage 0 loaded the
 * engine. Set once by the script-tag entry.
 * @internal
 */
export function configureStages(scriptUrl: string | undefined, nonce: string | undefined, toScriptUrl?: (url: string) => string): void {
  base = scriptUrl || undefined;
  scriptNonce = nonce || undefined;
  // Stage 0 holds the page's one `support-chat` Trusted Types policy.
  if (toScriptUrl) toUrl = toScriptUrl;
}

/** A stage failure as the `ChatError` the widget reports (loadStage rejects with one already). @internal */
export function asChatError(error: unknown): ChatError {
  return isChatError(error) ? error : new ChatError(error instanceof Error ? error.message : String(error), { cause: error });
}

/** URL of a stage file: beside the first stage's script. @internal */
export function stageUrl(name: StageName): string {
  const from = base ?? String(globalThis.location?.href ?? '');
  return new URL(`support-chat.${name}.js`, from).href;
}

function pending(name: StageName): Pending {
  let entry = stages.get(name);
  if (!entry) {
    let resolve!: (mod: unknown) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A failed load is not cached: the next call tries again. A page with no `error` listener
    // (a pasted script tag) still learns which file is missing, from the console.
    promise.catch((error: unknown) => {
      if (stages.get(name) === entry) stages.delete(name);
      console.warn(error instanceof Error ? error.message : error);
    });
    entry = { promise, resolve, reject };
    stages.set(name, entry);
  }
  return entry;
}

/**
 * Called by a stage file when it runs. A stage from another build (a stale cache, two versions
 * on one page) is refused, so old code never runs against a new engine.
 * @internal
 */
export function defineStage<K extends StageName>(name: K, build: string, mod: StageModules[K]): void {
  if (build !== BUILD) {
    stages.get(name)?.reject(new ChatError(`support-chat: ${stageUrl(name)} is from another build (${build}, expected ${BUILD})`));
    return;
  }
  defined.set(name, mod);
  pending(name).resolve(mod);
}

/** The stage's module if it is already on the page, else undefined. @internal */
export function stageIfLoaded<K extends StageName>(name: K): StageModules[K] | undefined {
  return defined.get(name) as StageModules[K] | undefined;
}

/**
 * Loads a stage file once (concurrent calls share the request) and resolves to its module.
 * Rejects with a `ChatError` when the file cannot be fetched or is not a stage of this build;
 * a later call tries again.
 */
export function loadStage<K extends StageName>(name: K): Promise<StageModules[K]> {
  const ready = defined.get(name);
  if (ready) return Promise.resolve(ready as StageModules[K]);
  const known = stages.get(name);
  if (known) return known.promise as Promise<StageModules[K]>;
  const entry = pending(name);
  const doc = globalThis.document;
  if (!doc) {
    entry.reject(new ChatError(`support-chat: cannot load the "${name}" stage without a document`));
    return entry.promise as Promise<StageModules[K]>;
  }
  const url = stageUrl(name);
  const script = doc.createElement('script');
  script.async = true;
  if (scriptNonce) script.nonce = scriptNonce;
  const done = () => {
    script.onload = script.onerror = null;
    script.remove();
  };
  script.onload = () => {
    done();
    // Ran, but did not define the stage: an error page served with 200, or a blocked script.
    if (!defined.has(name)) entry.reject(new ChatError(`support-chat: ${url} did not define the "${name}" stage`));
  };
  script.onerror = () => {
    done();
    entry.reject(new ChatError(`support-chat: could not load ${url}`));
  };
  try {
    script.src = toUrl(url);
    (doc.head ?? doc.documentElement).appendChild(script);
  } catch (error) {
    // E.g. Trusted Types enforced without our policy allowed: a clear error, never a throw.
    entry.reject(
      new ChatError(`support-chat: could not load ${url}: ${error instanceof Error ? error.message : String(error)}`, { cause: error }),
    );
  }
  return entry.promise as Promise<StageModules[K]>;
}
