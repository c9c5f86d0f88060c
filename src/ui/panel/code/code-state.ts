/**
 * What the code form shows, derived from the handoff state, the server's policy and the clock:
 * the phase (typing a code, locked, expired), the time left and when a new code may be asked.
 * Pure, so the rules are tested without a DOM.
 * @module
 */
import type { VerificationPolicy } from '../../../core/model';
import type { HandoffInfo } from '../../../core/state';

/** The form's view of the pending challenge. */
export interface CodeView {
  /** `active`: a code may be typed; `locked`: out of attempts; `expired`: its time ran out. */
  phase: 'active' | 'locked' | 'expired';
  /** Milliseconds until the code expires (undefined when the backend did not say). */
  expiresInMs: number | undefined;
  /** Milliseconds until a new code may be asked for (0: now). */
  resendInMs: number;
  /** Wrong guesses left, exactly as the server counts them. */
  attemptsLeft: number | undefined;
  /** The backend takes `resendVerification()` (else a new code means asking for a person again). */
  canResend: boolean;
}

const at = (iso: string | undefined): number => (iso ? Date.parse(iso) : Number.NaN);

/** Derives the view at `now` (ms). */
export function codeView(handoff: HandoffInfo, policy: VerificationPolicy | undefined, now: number): CodeView {
  const c = handoff.challenge;
  const expiresAt = at(c?.expiresAt);
  const resendAt = at(c?.resendAt);
  const expiresInMs = Number.isFinite(expiresAt) ? Math.max(0, expiresAt - now) : undefined;
  const locked = handoff.lastResult === 'locked' || c?.attemptsLeft === 0;
  const expired = !locked && (handoff.lastResult === 'expired' || expiresInMs === 0);
  return {
    phase: locked ? 'locked' : expired ? 'expired' : 'active',
    expiresInMs,
    resendInMs: Number.isFinite(resendAt) ? Math.max(0, resendAt - now) : 0,
    attemptsLeft: c?.attemptsLeft,
    canResend: policy?.resend === true,
  };
}

/** `mm:ss` of a duration, rounded up to the second (so 0:00 means it is over). */
export function clock(ms: number): string {
  const s = Math.ceil(Math.max(0, ms) / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** The announced thresholds of the expiry countdown: a minute left, 30 s left (undefined between). */
export function expiryThreshold(ms: number | undefined): 60 | 30 | undefined {
  if (ms === undefined || ms <= 0) return undefined;
  if (ms <= 30_000) return 30;
  if (ms <= 60_000) return 60;
  return undefined;
}
