/**
 * "Didn't get a code?": a disclosure with a new code (cooldown-aware) and the server's
 * alternative: call the support line, or continue to a person without a code.
 * @module
 */
import type { JSX } from 'preact';
import type { VerificationPolicy } from '../../../core/model';
import type { I18n } from '../../../i18n';
import { ResendButton } from './ResendButton';

/** Digits and a leading + of a phone number, for its `tel:` link. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** The disclosure. `resend` is omitted when the form already shows the button. */
export function CodeHelp(props: {
  i18n: I18n;
  policy: VerificationPolicy;
  resend?: { waitMs: number; busy: boolean; onResend(): void } | undefined;
  onSkip(): void;
  busy: boolean;
}): JSX.Element {
  const { i18n, policy, resend } = props;
  return (
    <details class="sc-code-help">
      <summary>{i18n.t('code.help')}</summary>
      <p class="sc-code-help-text">{i18n.t('code.helpText')}</p>
      <div class="sc-code-help-actions">
        {resend ? <ResendButton i18n={i18n} waitMs={resend.waitMs} busy={resend.busy} onResend={resend.onResend} /> : null}
        {policy.fallback === 'phone' && policy.phone ? (
          <a class="sc-btn" href={telHref(policy.phone)} rel="noopener noreferrer">
            <bdi>{i18n.t('code.call', { phone: policy.phone })}</bdi>
          </a>
        ) : null}
        {policy.fallback === 'queue' ? (
          <button type="button" class="sc-btn" disabled={props.busy} onClick={props.onSkip}>
            {i18n.t('code.skip')}
          </button>
        ) : null}
      </div>
      {policy.fallback === 'queue' ? <p class="sc-code-help-text">{i18n.t('code.skipNote')}</p> : null}
    </details>
  );
}
