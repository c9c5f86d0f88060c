/**
 * One dialog's flows: loads each once through the widget's loader, adopts its stylesheet into
 * the shadow root when it is in, and takes the sheets out again when the dialog unmounts.
 * @module
 */
import { adoptStyles } from '../../shared/styles';
import type { FlowLoader, FlowModules, FlowName } from './types';

/** The flows of one rendered dialog. */
export interface FlowHost {
  /** The flow's module if it is in (asking for it first when the loader has it at once), else undefined. */
  peek<K extends FlowName>(name: K): FlowModules[K] | undefined;
  /** Loads the flow (once; a failure is not kept, the next call tries again). */
  load<K extends FlowName>(name: K): Promise<FlowModules[K]>;
  /** Starts loading the flow ahead of need; a failure is left for the next load. */
  prefetch(name: FlowName): void;
  /** Takes every adopted stylesheet out. */
  dispose(): void;
}

/** Creates the flow host of a dialog rendered into `shadow` (null: styles are the host page's concern). */
export function createFlowHost(loader: FlowLoader, shadow: ShadowRoot | null, nonce?: string): FlowHost {
  const ready = new Map<FlowName, unknown>();
  const loading = new Map<FlowName, Promise<unknown>>();
  const removers: Array<() => void> = [];
  let disposed = false;
  const accept = <K extends FlowName>(name: K, mod: FlowModules[K]): FlowModules[K] => {
    if (!ready.has(name)) {
      ready.set(name, mod);
      if (shadow && !disposed) removers.push(adoptStyles(shadow, mod.css, nonce));
    }
    return ready.get(name) as FlowModules[K];
  };
  const start = <K extends FlowName>(name: K): FlowModules[K] | Promise<FlowModules[K]> => {
    const known = loading.get(name);
    if (known) return known as Promise<FlowModules[K]>;
    const got = loader(name);
    if (!(got instanceof Promise)) return accept(name, got);
    const promise = got.then(
      (mod) => accept(name, mod),
      (error: unknown) => {
        loading.delete(name);
        throw error;
      },
    );
    loading.set(name, promise);
    return promise;
  };
  return {
    peek(name) {
      if (ready.has(name)) return ready.get(name) as FlowModules[typeof name];
      const got = start(name);
      if (got instanceof Promise) {
        got.catch(() => undefined);
        return undefined;
      }
      return got;
    },
    load: (name) => Promise.resolve(ready.get(name) ?? start(name)) as Promise<FlowModules[typeof name]>,
    prefetch(name) {
      if (!ready.has(name)) Promise.resolve(start(name)).catch(() => undefined);
    },
    dispose() {
      disposed = true;
      for (const remove of removers.splice(0)) remove();
    },
  };
}
