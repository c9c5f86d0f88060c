/**
 * The few host globals `src/core` and `src/protocol` use, declared for `tsconfig.core.json`, which
 * checks those layers with `lib: ["ES2022"]` only: no DOM, no Node types. Anything core starts to
 * use beyond these is a compile error there, so a browser-only or Node-only API cannot slip in.
 * Shapes are the common subset of browsers and Node; keep them minimal.
 */

/** Opaque: browsers return a number, Node an object; core only hands it back to `clearTimeout`. */
interface TimerHandle {
  readonly __timerHandle: never;
}

declare function setTimeout(handler: () => void, timeout?: number): TimerHandle;
declare function clearTimeout(handle: TimerHandle | undefined): void;
declare function queueMicrotask(callback: () => void): void;

/** Binary data with a size and a MIME type (a browser `Blob` or `File`). */
interface Blob {
  readonly size: number;
  readonly type: string;
}

interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

interface AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}
declare var AbortController: { new (): AbortController; prototype: AbortController };
