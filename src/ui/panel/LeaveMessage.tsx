/**
 * The leave-a-message step while operators are offline: one field for an e-mail or a phone
 * number (told apart by the `@`), a callback time for a phone (any time, morning, afternoon,
 * evening, or a set time), and the message, prefilled from what the customer wrote. Checked here
 * with the same rules as the server (src/protocol/contact.ts); the server's refusal is shown too.
 * @module
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Chat } from '../../core/chat';
import { isTransportError } from '../../core/errors';
import type { CallbackWindow, ContactDetails, LeaveContactRequest } from '../../core/model';
import { CALLBACK_WINDOWS, checkContact, isCallbackWindow, MAX_CONTACT_NOTE, type ContactProblem } from '../../protocol/contact';
import type { MessageKey } from '../../i18n/messages';
import type { PanelContext } from './context';

/** What the customer left, for the confirmation. */
export interface LeftContact {
  contact: ContactDetails;
  callbackWindow?: CallbackWindow;
}

const PROBLEM_KEYS: Record<ContactProblem, MessageKey> = {
  missing: 'avail.missing',
  email: 'avail.badEmail',
  phone: 'avail.badPhone',
};

/** The composer's unsent text, else the customer's last few messages (their own words, not button presses). */
function prefill(chat: Chat): string {
  const draft = chat.state.draft.peek().trim();
  if (draft) return draft.slice(0, MAX_CONTACT_NOTE);
  const own = chat.state.messages
    .peek()
    .filter((m) => m.from.role === 'user' && !m.action)
    .map((m) => m.parts.map((p) => (p.kind === 'text' ? p.text.trim() : '')).join(' '))
    .filter(Boolean);
  return own.slice(-3).join('\n').slice(0, MAX_CONTACT_NOTE);
}

/** An e-mail when it has an `@`, else a phone number. */
function contactOf(raw: string): ContactDetails {
  const v = raw.trim();
  return v.includes('@') ? { email: v } : { phone: v };
}

/** The problem a refusal from the server names (`"contact.email" is not…`), if any. */
function refusal(error: unknown): ContactProblem | 'other' {
  if (!isTransportError(error) || error.code !== 'invalid') return 'other';
  if (/contact\.email/.test(error.message)) return 'email';
  if (/contact\.phone/.test(error.message)) return 'phone';
  return /contact/.test(error.message) ? 'missing' : 'other';
}

type Choice = (typeof CALLBACK_WINDOWS)[number] | 'at';

/** Props of {@link LeaveMessage}. */
export interface LeaveMessageProps {
  ctx: PanelContext;
  onLeaving(left: LeftContact): void;
  onLeft(): void;
  onFailed(): void;
}

interface CallbackProps {
  ctx: PanelContext;
  choice: Choice;
  setChoice(choice: Choice): void;
  time: string;
  setTime(time: string): void;
}

/** When to call back: a named window, or a set time. */
function CallbackFields({ ctx, choice, setChoice, time, setTime }: CallbackProps): JSX.Element {
  const { i18n } = ctx;
  return (
    <div class="sc-leave-row">
      <div class="sc-leave-field">
        <label for="sc-lm-window">{i18n.t('avail.callback')}</label>
        <select
          id="sc-lm-window"
          class="sc-leave-input"
          value={choice}
          onChange={(e) => setChoice((e.currentTarget as HTMLSelectElement).value as Choice)}
        >
          {[...CALLBACK_WINDOWS, 'at' as const].map((w) => (
            <option value={w} key={w}>
              {i18n.t(`avail.cb.${w}`)}
            </option>
          ))}
        </select>
      </div>
      {choice === 'at' ? (
        <div class="sc-leave-field">
          <label for="sc-lm-time">{i18n.t('avail.time')}</label>
          <input
            id="sc-lm-time"
            class="sc-leave-input"
            type="time"
            value={time}
            onInput={(e) => setTime((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
      ) : null}
    </div>
  );
}

/**
 * The form. `onLeaving` runs just before the contact goes out (the server's confirmation may
 * arrive before the answer), `onLeft` once the backend stored it, `onFailed` when it did not.
 */
export function LeaveMessage({ ctx, onLeaving, onLeft, onFailed }: LeaveMessageProps): JSX.Element {
  const { chat, i18n } = ctx;
  const [reach, setReach] = useState('');
  const [choice, setChoice] = useState<Choice>('any');
  const [time, setTime] = useState('');
  const [note, setNote] = useState(() => prefill(chat));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Take the customer to the form when they are working in the dialog (they just asked for a person).
    const input = inputRef.current;
    const active = input ? (input.getRootNode() as Document | ShadowRoot).activeElement : null;
    if (input && active && input.closest('.sc-panel')?.contains(active)) input.focus();
  }, []);
  const phone = reach.trim() !== '' && !reach.includes('@');

  const submit = (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const checked = checkContact(contactOf(reach));
    const window = choice === 'at' ? time : choice;
    if (!checked.ok) {
      setError(i18n.t(PROBLEM_KEYS[checked.problem]));
      inputRef.current?.focus();
      return;
    }
    const request: LeaveContactRequest = { contact: checked.contact };
    if (checked.contact.phone && isCallbackWindow(window)) request.callbackWindow = window;
    if (note.trim()) request.note = note.trim();
    setError('');
    setBusy(true);
    onLeaving({ contact: request.contact, ...(request.callbackWindow ? { callbackWindow: request.callbackWindow } : {}) });
    chat.leaveContact(request).then(
      // Stays disabled: the confirmation replaces the form when the server says `contact_left`.
      onLeft,
      (e: unknown) => {
        onFailed();
        setBusy(false);
        const problem = refusal(e);
        setError(i18n.t(problem === 'other' ? 'error.generic' : PROBLEM_KEYS[problem]));
      },
    );
  };

  return (
    <form class="sc-leave" onSubmit={submit} noValidate>
      <label for="sc-lm-contact">{i18n.t('avail.contact')}</label>
      <input
        ref={inputRef}
        id="sc-lm-contact"
        class="sc-leave-input"
        type="text"
        inputMode={reach.includes('@') || !/^[\d\s+().-]*$/.test(reach) ? 'email' : 'tel'}
        autoComplete="email"
        spellcheck={false}
        maxLength={254}
        value={reach}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={error ? 'sc-lm-error' : undefined}
        onInput={(e) => {
          setReach((e.currentTarget as HTMLInputElement).value);
          setError(''); // a stale complaint about what was typed before helps nobody
        }}
      />
      {error ? (
        <p class="sc-leave-error" id="sc-lm-error" role="alert">
          {error}
        </p>
      ) : null}
      {phone ? <CallbackFields ctx={ctx} choice={choice} setChoice={setChoice} time={time} setTime={setTime} /> : null}
      <label for="sc-lm-note">{i18n.t('avail.note')}</label>
      <textarea
        id="sc-lm-note"
        class="sc-leave-input sc-leave-note"
        rows={2}
        maxLength={MAX_CONTACT_NOTE}
        value={note}
        dir="auto"
        onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
      />
      <button type="submit" class="sc-btn sc-btn--primary sc-leave-send" disabled={busy}>
        {i18n.t(busy ? 'avail.sending' : 'avail.send')}
      </button>
    </form>
  );
}
