/**
 * The one-time-code form shown while the handoff waits for verification: prompt with the
 * masked destination, a numeric code field (paste allowed), errors with attempts left, and
 * "Send a new code" once the code expired.
 * @module
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PanelContext } from './context';

/** The verification card. */
export function VerificationForm({ ctx }: { ctx: PanelContext }): JSX.Element | null {
  const { chat, i18n } = ctx;
  const handoff = chat.state.handoff.value;
  const challenge = handoff.challenge;
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const challengeId = challenge?.id;
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    setCode('');
    // Bring the code field to the user only when they are working in the dialog already.
    const input = inputRef.current;
    const active = input ? (input.getRootNode() as Document | ShadowRoot).activeElement : null;
    if (input && active && input.closest('.sc-panel')?.contains(active)) input.focus();
  }, [challengeId]);
  if (handoff.state !== 'verification_required' || !challenge) return null;

  const length = challenge.codeLength && challenge.codeLength > 0 ? challenge.codeLength : undefined;
  const prompt = challenge.destinationHint
    ? i18n.t('handoff.verifyPrompt', { destination: challenge.destinationHint })
    : challenge.prompt?.trim() || i18n.t('handoff.verifyPromptGeneric');
  const expired = handoff.lastResult === 'expired';
  const error = expired
    ? i18n.t('handoff.expired')
    : handoff.lastResult === 'invalid'
      ? challenge.attemptsLeft !== undefined
        ? i18n.t('handoff.invalid', { count: challenge.attemptsLeft })
        : i18n.t('handoff.invalidGeneric')
      : '';

  const submit = (event: Event) => {
    event.preventDefault();
    const value = code.trim();
    if (!value || busy || expired) return;
    setBusy(true);
    chat
      .submitVerification(value)
      .then((result) => {
        if (result === 'ok') ctx.focusComposer();
        else {
          setCode('');
          ctx.announce(result === 'expired' ? i18n.t('handoff.expired') : i18n.t('handoff.invalidGeneric'));
        }
      })
      .catch(() => ctx.announce(i18n.t('error.generic')))
      .finally(() => setBusy(false));
  };
  const resend = () => {
    setCode('');
    void chat.requestHandoff();
  };

  return (
    <form class="sc-verify" onSubmit={submit} noValidate>
      <p class="sc-verify-title">{i18n.t('handoff.verifyTitle')}</p>
      <p class="sc-verify-prompt" id="sc-verify-prompt" dir="auto">
        {prompt}
      </p>
      <label class="sc-vh" for="sc-otp">
        {i18n.t('handoff.codeLabel')}
      </label>
      <div class="sc-verify-row">
        <input
          ref={inputRef}
          id="sc-otp"
          class="sc-otp"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          enterkeyhint="done"
          spellcheck={false}
          maxLength={length}
          size={length ?? 8}
          value={code}
          disabled={expired}
          aria-invalid={error ? 'true' : 'false'}
          aria-describedby={error ? 'sc-verify-prompt sc-verify-error' : 'sc-verify-prompt'}
          placeholder={length ? '•'.repeat(length) : ''}
          onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value.replace(/\s+/g, ''))}
        />
        {expired ? (
          <button type="button" class="sc-btn sc-btn--primary" onClick={resend}>
            {i18n.t('handoff.resend')}
          </button>
        ) : (
          <button type="submit" class="sc-btn sc-btn--primary" disabled={busy || !code.trim()}>
            {i18n.t(busy ? 'handoff.checking' : 'handoff.submit')}
          </button>
        )}
      </div>
      {error ? (
        <p class="sc-verify-error" id="sc-verify-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
