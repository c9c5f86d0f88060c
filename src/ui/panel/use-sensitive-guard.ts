/**
 * The composer's sensitive-data guard: a text with a card number, a CVC, a code or a password is
 * held instead of sent, and the guard (SensitiveGuard.tsx) offers to mask it or to edit it. It
 * never sends on its own: only the customer's choice does, and the draft stays in the composer
 * until then. Cards and CVCs can only go out masked; a code or a password may be sent anyway
 * (the customer may be asked for one by a legitimate flow of the host), after the warning.
 * @module
 */
import { useRef, useState } from 'preact/hooks';
import type { SensitiveFinding } from '../../protocol/sensitive';
import { mayBeSensitive } from '../../protocol/sensitive-hint';
import type { SensitiveModule } from '../types';
import type { PanelContext } from './context';

/** A message the guard holds back. */
export interface HeldMessage {
  text: string;
  /** `text` with every finding masked, as "Mask and send" would send it. */
  masked: string;
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
  /**
   * The dialog: its `loadSensitive` gives the detector (a stage file in the script-tag build;
   * without it everything is sent as typed), its live region says when the detector could not load.
   */
  ctx: Pick<PanelContext, 'loadSensitive' | 'announce' | 'i18n' | 'flows'>;
  /** Sends a text (with the staged files). */
  deliver(text: string): void;
  /** The composer's field: the source of the current text and where focus goes back. */
  field(): HTMLTextAreaElement | null;
}

/** The guard of one composer. */
export function useSensitiveGuard({ ctx, deliver, field }: SensitiveGuardOptions): SensitiveGuardApi {
  const load = ctx.loadSensitive;
  const [held, setHeld] = useState<HeldMessage | null>(null);
  const detector = useRef<SensitiveModule | null>(null);
  const checking = useRef(false);
  // The field may have changed since the guard appeared: act on what it holds now.
  const current = () => field()?.value ?? held?.text ?? '';
  const back = () => field()?.focus();
  const find = (value: string) => detector.current?.findSensitive(value) ?? [];
  const canSendAnyway = held?.findings.every((f) => f.kind === 'code' || f.kind === 'password') ?? false;
  const check = (value: string, m: SensitiveModule) => {
    detector.current = m;
    const findings = m.findSensitive(value);
    if (findings.length === 0) {
      setHeld(null);
      deliver(value);
    } else setHeld({ text: value, masked: m.maskSensitive(value), findings });
  };
  return {
    held,
    canSendAnyway,
    submit(value) {
      if (!load || !mayBeSensitive(value)) {
        setHeld(null);
        deliver(value);
        return;
      }
      if (detector.current) return check(value, detector.current);
      if (checking.current) return;
      checking.current = true;
      // The guard's card comes with the detector, ready if a finding holds the message.
      ctx.flows.prefetch('guard');
      // Never sent unchecked: if the detector cannot be fetched, the text stays in the composer.
      Promise.resolve()
        .then(load)
        .then(
          (m) => check(value, m),
          () => ctx.announce(ctx.i18n.t('error.generic')),
        )
        .finally(() => {
          checking.current = false;
        });
    },
    changed(value) {
      if (!held) return;
      const findings = find(value);
      const masked = detector.current?.maskSensitive(value) ?? value;
      setHeld(findings.length ? { text: value, masked, findings } : null);
    },
    mask() {
      const value = current();
      setHeld(null);
      deliver(detector.current ? detector.current.maskSensitive(value) : value);
      back();
    },
    edit() {
      setHeld(null);
      const el = field();
      if (!el) return;
      el.focus();
      const first = find(el.value)[0];
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
