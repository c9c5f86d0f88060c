/**
 * The one-time-code form shown while the handoff waits for verification: prompt, a numeric code
 * field (paste allowed), attempts left exactly as the server counts them, a countdown to expiry,
 * a lockout after the last attempt (no Confirm then), "Send a new code" after the cooldown with
 * its own countdown, and "Didn't get a code?" with the server's way out (code/ holds the parts).
 * @module
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CodeHelp } from './code/CodeHelp';
import { CodeInput } from './code/CodeInput';
import { codeView } from './code/code-state';
import { ResendButton } from './code/ResendButton';
import { useClock } from './code/use-clock';
import { useCodeActions, codeError } from './code/use-code-actions';
import { useCodeAnnouncements } from './code/use-code-announcements';
import type { PanelContext } from './context';

/** The verification card. */
export function VerificationForm({ ctx }: { ctx: PanelContext }): JSX.Element | null {
  const { chat, i18n } = ctx;
  const handoff = chat.state.handoff.value;
  const policy = chat.state.capabilities.value.verificationPolicy;
  const challenge = handoff.challenge;
  const shown = handoff.state === 'verification_required' && challenge !== undefined;
  const now = useClock(shown);
  const view = codeView(handoff, policy, now);
  const [code, setCode] = useState('');
  const challengeId = challenge?.id;
  const inputRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useCodeAnnouncements(ctx, view, challengeId);
  // After an answer the focused control may be gone (Confirm after a lockout): focus what is next.
  const refocus = () =>
    setTimeout(() => {
      const f = formRef.current;
      const next =
        f?.querySelector<HTMLElement>('#sc-otp, .sc-verify-row .sc-code-resend:not(:disabled)') ??
        f?.querySelector<HTMLElement>('#sc-verify-error');
      next?.focus();
    }, 0);
  const actions = useCodeActions(ctx, view, () => setCode(''), refocus);
  useEffect(() => {
    setCode('');
    // Bring the code field to the user only when they are working in the dialog already.
    const input = inputRef.current;
    const active = input ? (input.getRootNode() as Document | ShadowRoot).activeElement : null;
    if (input && active && input.closest('.sc-panel')?.contains(active)) input.focus();
  }, [challengeId]);
  if (!shown) return null;

  const length = challenge.codeLength && challenge.codeLength > 0 ? challenge.codeLength : undefined;
  const prompt = challenge.destinationHint
    ? i18n.t('handoff.verifyPrompt', { destination: challenge.destinationHint })
    : challenge.prompt?.trim() || i18n.t('handoff.verifyPromptGeneric');
  const error = codeError(ctx, view, handoff.lastResult);
  const active = view.phase === 'active';

  const submit = (event: Event) => {
    event.preventDefault();
    const value = code.trim();
    if (value && !actions.busy && active) actions.submit(value);
  };
  const { busy, resend, skip } = actions;

  return (
    <form class="sc-verify" ref={formRef} onSubmit={submit} noValidate>
      <p class="sc-verify-title">{i18n.t('handoff.verifyTitle')}</p>
      <p class="sc-verify-prompt" id="sc-verify-prompt" dir="auto">
        {prompt}
      </p>
      {active ? (
        <CodeInput
          i18n={i18n}
          inputRef={inputRef}
          code={code}
          setCode={setCode}
          length={length}
          busy={busy}
          hasError={error !== ''}
          expiresInMs={view.expiresInMs}
        />
      ) : null}
      {error ? (
        <p class="sc-verify-error" id="sc-verify-error" tabIndex={-1}>
          {error}
        </p>
      ) : null}
      {active ? null : (
        <div class="sc-verify-row">
          <ResendButton i18n={i18n} waitMs={view.canResend ? view.resendInMs : 0} busy={busy} primary onResend={resend} />
        </div>
      )}
      {policy ? (
        <CodeHelp
          i18n={i18n}
          policy={policy}
          resend={active && view.canResend ? { waitMs: view.resendInMs, busy, onResend: resend } : undefined}
          onSkip={skip}
          busy={busy}
        />
      ) : null}
    </form>
  );
}
