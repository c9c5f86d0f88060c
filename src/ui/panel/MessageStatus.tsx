/**
 * Delivery status of the user's own messages: clock, check, double check; failed shows the
 * reason when there is one worth telling, with Retry and Delete.
 * @module
 */
import type { JSX } from 'preact';
import type { ChatMessage, MessageError, MessageErrorCode } from '../../core/model';
import type { I18n, MessageKey } from '../../i18n';
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

/** Failures the user can act on get their reason shown; others just read "Not sent". */
const REASONS: Partial<Record<MessageErrorCode, MessageKey>> = {
  too_large: 'message.failed.tooLarge',
  unsupported_type: 'message.failed.fileType',
  upload_interrupted: 'message.failed.uploadInterrupted',
};

/** "Not sent[: reason]. Retry / Delete" under a failed message (no Retry when its files are gone). */
export function FailedActions({
  i18n,
  error,
  onRetry,
  onDelete,
}: {
  i18n: I18n;
  error?: MessageError | undefined;
  onRetry(): void;
  onDelete(): void;
}): JSX.Element {
  const reason = error && REASONS[error.code];
  return (
    <div class="sc-failed">
      <Icon name="alert" size={14} />
      <span>{i18n.t('message.status.failed')}</span>
      {reason ? <span class="sc-failed-reason">{i18n.t(reason)}</span> : null}
      {error?.code === 'upload_interrupted' ? null : (
        <button type="button" class="sc-link-btn" onClick={onRetry}>
          {i18n.t('message.retry')}
        </button>
      )}
      <button type="button" class="sc-link-btn" onClick={onDelete}>
        {i18n.t('message.delete')}
      </button>
    </div>
  );
}
