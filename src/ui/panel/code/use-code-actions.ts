/**
 * What the code form's buttons do: check a code, ask for a new one, go on without one; each
 * outcome is announced (attempts left as the server counts them, the lockout with its wait).
 * @module
 */
import { useState } from 'preact/hooks';
import { isTransportError } from '../../../core/errors';
import type { PanelContext } from '../context';
import { type CodeView, clock, codeView } from './code-state';

/** The error line of the form for `view` after `lastResult`. */
export function codeError(ctx: PanelContext, view: CodeView, lastResult: string | undefined): string {
  const { i18n } = ctx;
  if (view.phase === 'locked') return i18n.t('code.locked');
  if (view.phase === 'expired') return i18n.t('handoff.expired');
  if (lastResult !== 'invalid') return '';
  return view.attemptsLeft !== undefined ? i18n.t('handoff.invalid', { count: view.attemptsLeft }) : i18n.t('handoff.invalidGeneric');
}

/** The form's actions and whether one is running. */
export function useCodeActions(ctx: PanelContext, view: CodeView, clear: () => void, refocus: () => void) {
  const { chat, i18n } = ctx;
  const [busy, setBusy] = useState(false);
  const run = (work: () => Promise<unknown>, failed: (e: unknown) => string) => {
    setBusy(true);
    work()
      .catch((e: unknown) => ctx.announce(failed(e)))
      .finally(() => setBusy(false));
  };
  const generic = () => i18n.t('error.generic');
  const told = async (value: string) => {
    const result = await chat.submitVerification(value);
    if (result === 'ok') return ctx.focusComposer();
    clear();
    refocus();
    const after = codeView(chat.state.handoff.peek(), chat.state.capabilities.peek().verificationPolicy, Date.now());
    if (result !== 'locked') return ctx.announce(codeError(ctx, after, result) || i18n.t('handoff.invalidGeneric'));
    const wait = after.resendInMs > 0 ? ` ${i18n.t('code.newIn', { time: clock(after.resendInMs) })}` : '';
    ctx.announce(i18n.t('code.locked') + wait);
  };
  return {
    busy,
    submit: (value: string) => run(() => told(value), generic),
    resend() {
      clear();
      if (!view.canResend) return void chat.requestHandoff();
      run(
        async () => {
          await chat.resendVerification();
          ctx.announce(i18n.t('code.sent'));
          refocus();
        },
        (e) => i18n.t(isTransportError(e) && e.code === 'rate_limited' ? 'code.tooSoon' : 'error.generic'),
      );
    },
    skip: () => run(() => chat.skipVerification(), generic),
  };
}
