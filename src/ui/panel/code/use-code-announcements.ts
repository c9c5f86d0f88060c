/**
 * Polite announcements of the code form's countdowns: only at thresholds (a minute left, 30 s
 * left, expired, a new code may be asked), never every second.
 * @module
 */
import { useEffect, useRef } from 'preact/hooks';
import type { PanelContext } from '../context';
import { type CodeView, clock, expiryThreshold } from './code-state';

/** Announces threshold crossings of `view` through `ctx.announce`. */
export function useCodeAnnouncements(ctx: PanelContext, view: CodeView, challengeId: string | undefined): void {
  const { i18n } = ctx;
  const threshold = view.phase === 'active' ? expiryThreshold(view.expiresInMs) : undefined;
  const timedOut = view.phase === 'expired' && view.expiresInMs === 0;
  const mayResend = view.phase !== 'active' && view.canResend && view.resendInMs === 0;
  const last = useRef({ challengeId, threshold, timedOut, mayResend });
  useEffect(() => {
    const before = last.current;
    last.current = { challengeId, threshold, timedOut, mayResend };
    if (before.challengeId !== challengeId) return; // a new code starts quietly
    if (threshold !== undefined && threshold !== before.threshold) {
      ctx.announce(i18n.t('code.expiresIn', { time: clock(view.expiresInMs ?? 0) }));
    }
    if (timedOut && !before.timedOut) ctx.announce(i18n.t('handoff.expired'));
    if (mayResend && !before.mayResend) ctx.announce(i18n.t('code.newNow'));
  }, [challengeId, threshold, timedOut, mayResend]);
}
