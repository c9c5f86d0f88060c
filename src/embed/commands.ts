/**
 * The script tag's command API: `SupportChat('boot', options)`, `SupportChat('open')`,
 * `SupportChat('on', 'message', fn)`... The README's snippet defines a stub `SupportChat(...)`
 * that queues its calls (`.q`) and a `ready` promise before the script arrives; when it
 * arrives, this replays them in order and replaces the stub by a function that runs commands at
 * once and carries every export (`SupportChat.createSupportChat`, `.instance`, `.ready`...).
 * Commands given before `boot` wait for it. A second include of the script, or a second `boot`,
 * changes nothing. Under stage 0 (`./stage0`), stage 0's `SupportChat` is the stub: it kept the
 * snippet's queue and `ready`, and queued what came after it, so the engine replays all of it.
 * @module
 */
import { OptionError } from '../core/errors';
import type { SupportChat } from './mount-support-chat';
import type { SupportChatOptions } from './options';

/** What the snippet's stub carries. */
interface Stub {
  q?: ArrayLike<unknown>[];
  ready?: Promise<SupportChat>;
  r?: (instance: SupportChat) => void;
}

/** `window.SupportChat` once the script is in: a command function with the script's exports. */
export interface CommandFunction {
  (command: string, ...args: unknown[]): unknown;
  readonly ready: Promise<SupportChat>;
  readonly instance: SupportChat | null;
}

/** Marks the command function, so a second copy of the script leaves the first in place. */
const MARK = '__supportChatCommands';

/** True when `value` is the command function of a copy of this script already on the page. */
export function isInstalled(value: unknown): boolean {
  return typeof value === 'function' && (value as unknown as Record<string, unknown>)[MARK] === true;
}

/** What the commands run against. */
export interface CommandHost {
  /** Creates the widget from `boot`'s options. */
  boot(options: SupportChatOptions): SupportChat;
  /** Called once the widget exists (the page's `support-chat:ready`). */
  booted(instance: SupportChat): void;
}

/** Runs commands; created once per page. */
export function createCommands(stub: unknown, host: CommandHost) {
  const s = (typeof stub === 'function' ? stub : {}) as Stub;
  let resolve = s.r;
  const ready: Promise<SupportChat> = s.ready instanceof Promise && resolve ? s.ready : new Promise<SupportChat>((ok) => (resolve = ok));
  let instance: SupportChat | null = null;
  const waiting: unknown[][] = [];

  const adopt = (chat: SupportChat) => {
    instance = chat;
    // However it is destroyed (a command, the instance, logout), `boot` may start a new one after.
    const destroy = chat.destroy;
    chat.destroy = () => {
      if (instance === chat) instance = null;
      return destroy.call(chat);
    };
    resolve?.(chat);
    host.booted(chat);
    for (const args of waiting.splice(0)) run(args);
  };
  const run = (args: unknown[]): unknown => {
    const [name, ...rest] = args;
    if (name === 'boot') {
      if (!instance) adopt(host.boot(rest[0] as SupportChatOptions));
      return instance;
    }
    if (!instance) {
      waiting.push(args);
      return undefined;
    }
    const method = typeof name === 'string' && name !== 'chat' ? (instance as unknown as Record<string, unknown>)[name] : undefined;
    if (typeof method !== 'function') throw new OptionError('command', `unknown command ${JSON.stringify(name)}`);
    return (method as (...a: unknown[]) => unknown).apply(instance, rest);
  };
  /** Runs one command; a failure is logged (a queued call has no caller to throw to). */
  const call = (args: unknown[]): unknown => {
    try {
      return run(args);
    } catch (error) {
      console.error(error);
      return undefined;
    }
  };
  return {
    ready,
    get instance() {
      return instance;
    },
    /** Takes a widget started from the script tag's data attributes. */
    adopt,
    /** Replays the stub's queue, in order. */
    replay() {
      for (const args of s.q ? Array.from(s.q) : []) call(Array.from(args));
    },
    /** The command function over `exports` (every export readable as a property). */
    install(exports: Record<string, unknown>): CommandFunction {
      const fn = (...args: unknown[]) => call(args);
      for (const key of Object.keys(exports)) {
        if (key !== 'instance' && key !== 'ready') Object.defineProperty(fn, key, { get: () => exports[key], enumerable: true });
      }
      Object.defineProperty(fn, 'instance', { get: () => instance, enumerable: true });
      Object.defineProperty(fn, 'ready', { value: ready, enumerable: true });
      Object.defineProperty(fn, MARK, { value: true });
      return fn as unknown as CommandFunction;
    },
  };
}
