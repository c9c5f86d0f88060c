/**
 * Validation of the SWP transports' numeric options.
 * @module
 */
import { OptionError } from '../../core/errors';

/** `value`, or `fallback` when undefined; throws `OptionError` naming `name` unless a positive number. */
export function positiveOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new OptionError(name, 'expected a positive number');
  return value;
}
