/**
 * Delivery status of the user's own messages: clock, check, double check; failed shows
 * Retry and Delete.
 * @module
 */
import type { JSX } from 'preact';
import type { ChatMessage } from '../../core/model';
import type { I18n } from '../../i18n';
import { Icon, type IconName } from '../shared/icons';

const ICONS: Record<ChatMessage['status'], IconName> = {
  queued: 'clock',
  sending: 'clock',
  sent: 'check',
  delivered: 'checks',
  read: 'checks',
  failed: 'alert',
};

/** The status icon with its spoken label. */
export function StatusIcon({ status, i18n }: { status: ChatMessage['status']; i18n: I18n }): JSX.Element {
  return (
    <span class={`sc-msg-status sc-msg-status--${status}`}>
      <Icon name={ICONS[status]} size={14} />
      <span class="sc-vh">{i18n.t(`message.status.${status}`)}</span>
    </span>
  );
}

/** "Not sent. Retry / Delete" under a failed message. */
export function FailedActions({ i18n, onRetry, onDelete }: { i18n: I18n; onRetry(): void; onDelete(): void }): JSX.Element {
  return (
    <div class="sc-failed">
      <Icon name="alert" size={14} />
      <span>{i18n.t('message.status.failed')}</span>
      <button type="button" class="sc-link-btn" onClick={onRetry}>
        {i18n.t('message.retry')}
      </button>
      <button type="button" class="sc-link-btn" onClick={onDelete}>
        {i18n.t('message.delete')}
      </button>
    </div>
  );
}
