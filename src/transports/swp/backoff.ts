/**
 * Reconnect backoff of the SWP transports: the SDK's one curve (`src/core/backoff.ts`) with equal
 * jitter and the options the transports take.
 * @module
 */
export { backoffCurve as backoffDelay, type BackoffOptions } from '../../core/backoff';
