/**
 * "Send a new code", disabled during the cooldown with its own countdown in the label.
 * @module
 */
import type { JSX } from 'preact';
import type { I18n } from '../../../i18n';
import { clock } from './code-state';

/** The resend button. */
export function ResendButton(props: { i18n: I18n; waitMs: number; busy: boolean; primary?: boolean; onResend(): void }): JSX.Element {
  const { i18n, waitMs, busy } = props;
  const waiting = waitMs > 0;
  return (
    <button
      type="button"
      class={`sc-btn sc-code-resend${props.primary ? ' sc-btn--primary' : ''}`}
      disabled={waiting || busy}
      onClick={props.onResend}
    >
      {waiting ? i18n.t('code.resendIn', { time: clock(waitMs) }) : i18n.t('handoff.resend')}
    </button>
  );
}
