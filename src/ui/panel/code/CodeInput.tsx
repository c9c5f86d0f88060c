/**
 * The code field with Confirm and the expiry countdown (shown while a code may be typed).
 * @module
 */
import type { JSX, RefObject } from 'preact';
import type { I18n } from '../../../i18n';
import { clock } from './code-state';

/** The field, its button and the countdown. */
export function CodeInput(props: {
  i18n: I18n;
  inputRef: RefObject<HTMLInputElement>;
  code: string;
  setCode(code: string): void;
  length: number | undefined;
  busy: boolean;
  hasError: boolean;
  expiresInMs: number | undefined;
}): JSX.Element {
  const { i18n, length, code, busy } = props;
  return (
    <>
      <label class="sc-vh" for="sc-otp">
        {i18n.t('handoff.codeLabel')}
      </label>
      <div class="sc-verify-row">
        <input
          ref={props.inputRef}
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
          aria-invalid={props.hasError ? 'true' : 'false'}
          aria-describedby={props.hasError ? 'sc-verify-prompt sc-verify-error' : 'sc-verify-prompt'}
          placeholder={length ? '•'.repeat(length) : ''}
          onInput={(e) => props.setCode((e.currentTarget as HTMLInputElement).value.replace(/\s+/g, ''))}
        />
        <button type="submit" class="sc-btn sc-btn--primary" disabled={busy || !code.trim()}>
          {i18n.t(busy ? 'handoff.checking' : 'handoff.submit')}
        </button>
      </div>
      {props.expiresInMs !== undefined ? (
        <p class="sc-verify-timer" role="timer">
          {i18n.t('code.expiresIn', { time: clock(props.expiresInMs) })}
        </p>
      ) : null}
    </>
  );
}
