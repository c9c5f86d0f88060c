/**
 * The composer's sensitive-data guard: a text with a card number, a CVC, a code or a password is
 * held instead of sent, and the guard (SensitiveGuard.tsx) offers to mask it or to edit it. It
 * never sends on its own: only the customer's choice does, and the draft stays in the composer
 * until then. Cards and CVCs can only go out masked; a code or a password may be sent anyway
 * (the customer may be asked for one by a legitimate flow of the host), after the warning.
 * @module
 */
import { useState } from 'preact/hooks';
import { findSensitive, maskSensitive, type SensitiveFinding } from '../../protocol/sensitive';

/** A message the guard holds back. */
export interface HeldMessage {
  text: string;
  findings: readonly SensitiveFinding[];
}

/** What the composer and the guard's buttons use. */
export interface SensitiveGuardApi {
  /** The message held back, or null when the guard is not shown. */
  held: HeldMessage | null;
  /** "Send anyway" is offered: only codes or passwords were found, no card data. */
  canSendAnyway: boolean;
  /** Delivers `value` unless it holds something sensitive; then shows the guard instead. */
  submit(value: string): void;
  /** The text changed while the guard is shown: it goes away once nothing is left to warn about. */
  changed(value: string): void;
  /** Sends the text with every finding masked. */
  mask(): void;
  /** Back to the composer with the text kept and the first finding selected. */
  edit(): void;
  /** Sends the text as typed (only offered for codes and passwords). */
  anyway(): void;
}

/** Options of {@link useSensitiveGuard}. */
export interface SensitiveGuardOptions {
  /** The host's `sensitiveGuard` option: false sends everything as typed. */
  enabled: boolean;
  /** Sends a text (with the staged files). */
  deliver(text: string): void;
  /** The composer's field: the source of the current text and where focus goes back. */
  field(): HTMLTextAreaElement | null;
}

/** The guard of one composer. */
export function useSensitiveGuard({ enabled, deliver, field }: SensitiveGuardOptions): SensitiveGuardApi {
  const [held, setHeld] = useState<HeldMessage | null>(null);
  // The field may have changed since the guard appeared: act on what it holds now.
  const current = () => field()?.value ?? held?.text ?? '';
  const back = () => field()?.focus();
  const canSendAnyway = held?.findings.every((f) => f.kind === 'code' || f.kind === 'password') ?? false;
  return {
    held,
    canSendAnyway,
    submit(value) {
      const findings = enabled ? findSensitive(value) : [];
      if (findings.length === 0) {
        setHeld(null);
        deliver(value);
      } else setHeld({ text: value, findings });
    },
    changed(value) {
      if (!held) return;
      const findings = findSensitive(value);
      setHeld(findings.length ? { text: value, findings } : null);
    },
    mask() {
      const value = current();
      setHeld(null);
      deliver(maskSensitive(value));
      back();
    },
    edit() {
      setHeld(null);
      const el = field();
      if (!el) return;
      el.focus();
      const first = findSensitive(el.value)[0];
      if (first) el.setSelectionRange(first.start, first.end);
    },
    anyway() {
      if (!canSendAnyway) return;
      const value = current();
      setHeld(null);
      deliver(value);
      back();
    },
  };
}
