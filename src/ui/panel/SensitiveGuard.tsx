/**
 * The inline alert shown instead of sending a message with a card number, a CVC, a code or a
 * password: what was spotted, how the message would go out masked, and Mask and send / Edit
 * (/ Send anyway for codes and passwords). An `alertdialog` that takes focus (on "Mask and send")
 * when it appears; Escape means Edit. State and actions: `use-sensitive-guard.ts`.
 * @module
 */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { I18n } from '../../i18n';
import type { SensitiveFinding } from '../../protocol/sensitive';
import { Icon } from '../shared/icons';
import type { SensitiveGuardApi } from './use-sensitive-guard';

/** One line per card, one per other kind found. */
function describe(findings: readonly SensitiveFinding[], i18n: I18n): string[] {
  const lines: string[] = [];
  for (const f of findings) {
    const line = f.kind === 'card' ? i18n.t('guard.card', { last4: f.last4 ?? '' }) : i18n.t(`guard.${f.kind}`);
    if (!lines.includes(line)) lines.push(line);
  }
  return lines;
}

/** The guard, when a message is held. */
export function SensitiveGuard({ guard, i18n }: { guard: SensitiveGuardApi; i18n: I18n }): JSX.Element | null {
  const primary = useRef<HTMLButtonElement>(null);
  const shown = guard.held !== null;
  useEffect(() => {
    if (shown) primary.current?.focus();
  }, [shown]);
  const held = guard.held;
  if (!held) return null;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.isComposing) return;
    // Handled here: the panel must not close on this Escape.
    event.preventDefault();
    event.stopPropagation();
    guard.edit();
  };
  return (
    <div class="sc-guard" role="alertdialog" aria-labelledby="sc-guard-title" aria-describedby="sc-guard-body" onKeyDown={onKeyDown}>
      <p id="sc-guard-title" class="sc-guard-title">
        <Icon name="lock" size={16} />
        <span>{i18n.t('guard.title')}</span>
      </p>
      <div id="sc-guard-body" class="sc-guard-body">
        <ul class="sc-guard-list">
          {describe(held.findings, i18n).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p>{i18n.t(guard.canSendAnyway ? 'guard.whyCode' : 'guard.why')}</p>
      </div>
      <p class="sc-guard-preview" dir="auto">
        {i18n.t('guard.preview', { text: held.masked })}
      </p>
      <div class="sc-guard-actions">
        <button type="button" class="sc-btn sc-btn--primary" ref={primary} onClick={guard.mask}>
          {i18n.t('guard.mask')}
        </button>
        <button type="button" class="sc-btn sc-guard-secondary" onClick={guard.edit}>
          {i18n.t('guard.edit')}
        </button>
        {guard.canSendAnyway && (
          <button type="button" class="sc-btn sc-guard-secondary" onClick={guard.anyway}>
            {i18n.t('guard.anyway')}
          </button>
        )}
      </div>
    </div>
  );
}
