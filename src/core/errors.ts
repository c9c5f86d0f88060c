/**
 * Error taxonomy. Every error the SDK throws or reports is a `ChatError`.
 * `is*` guards compare `name`, so they work across realms (iframes, two bundle copies).
 * @module
 */
import { ChatError, TransportError } from '../protocol/errors';

// The base classes live with the protocol's error codec (which has to build them); they are
// part of this taxonomy all the same.
export { ChatError, ProtocolError, TransportError, isRetryableCode } from '../protocol/errors';

/** A bad option passed to `createSupportChat` or a transport factory. */
export class OptionError extends ChatError {
  override name = 'OptionError' as const;
  /** The option's name, e.g. "position" or "transport.url". */
  readonly option: string;
  /** Why it was refused. */
  readonly reason: string;
  constructor(option: string, reason: string) {
    super(`support-chat: invalid option "${option}": ${reason}`);
    this.option = option;
    this.reason = reason;
  }
}

/** Something used after `destroy()`. */
export class DestroyedError extends ChatError {
  override name = 'DestroyedError' as const;
  constructor(what: string) {
    super(`support-chat: ${what} called after destroy()`);
  }
}

const names = new Set(['ChatError', 'OptionError', 'TransportError', 'ProtocolError', 'DestroyedError']);

/** True for any SDK error, from any realm. */
export function isChatError(value: unknown): value is ChatError {
  // Not `instanceof Object`: objects from another realm (iframe, vm) have another Object.
  return value instanceof ChatError || (typeof value === 'object' && value !== null && names.has((value as Error).name));
}

/** True for a `TransportError`, from any realm. */
export function isTransportError(value: unknown): value is TransportError {
  return value instanceof TransportError || (isChatError(value) && value.name === 'TransportError');
}

/** True for an `OptionError`, from any realm. */
export function isOptionError(value: unknown): value is OptionError {
  return value instanceof OptionError || (isChatError(value) && value.name === 'OptionError');
}

/** Wraps anything thrown into a TransportError. */
export function toTransportError(transport: string, error: unknown): TransportError {
  if (isTransportError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TransportError(transport, 'network', message, { cause: error });
}
