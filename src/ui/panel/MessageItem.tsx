/**
 * One message: sender name and avatar for bot/operator, bubbles, time and status, failed
 * actions, and quick replies when this message offers them.
 * @module
 */
import { Component, type JSX } from 'preact';
import { localRefs } from '../../core/attachments';
import type { Action, ChatMessage } from '../../core/model';
import type { I18n } from '../../i18n';
import { senderName } from '../shared/describe-message';
import { initials } from '../shared/format';
import { Icon } from '../shared/icons';
import { IMAGE_SCHEMES, safeUrl } from '../shared/safe-url';
import type { PartEnv } from '../parts/types';
import { MessageParts } from './MessageParts';
import { FailedActions, StatusIcon } from './MessageStatus';

/** Props of {@link MessageItem}. */
export interface MessageItemProps {
  message: ChatMessage;
  /** The row's key, as `data-key` (the transcript finds its first visible row by it). */
  rowKey: string;
  first: boolean;
  last: boolean;
  quickReplies: boolean;
  i18n: I18n;
  /** What the part renderers share (one object for the whole list). */
  parts: PartEnv;
  onAction(action: Action, fromQuickReply?: boolean): void;
  onRetry(clientId: string): void;
  onDelete(clientId: string): void;
}

/** The small round avatar beside incoming messages. */
export function Avatar({ message, i18n }: { message: ChatMessage; i18n: I18n }): JSX.Element {
  const src = safeUrl(message.from.avatarUrl, IMAGE_SCHEMES);
  const letter = message.from.role === 'agent' ? initials(senderName(message.from, i18n)) : '';
  return (
    <span class={`sc-avatar sc-avatar--${message.from.role}`} aria-hidden="true">
      {src ? <img src={src} alt="" /> : letter || <Icon name="chat" size={14} filled />}
    </span>
  );
}

/** The determinate bar of a message uploading its files, with Cancel. */
function UploadProgress({ message: m, i18n, onCancel }: { message: ChatMessage; i18n: I18n; onCancel(): void }): JSX.Element {
  const { loaded, total } = m.upload!;
  const name = localRefs(m)
    .map((r) => r.name)
    .join(', ');
  const percent = total > 0 ? Math.round((loaded * 100) / total) : 0;
  return (
    <div class="sc-msg-upload">
      <progress class="sc-progress" max={100} value={percent} aria-label={i18n.t('upload.progress', { name, percent })} />
      <button type="button" class="sc-icon-btn sc-icon-btn--small" aria-label={i18n.t('upload.cancel', { name })} onClick={onCancel}>
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}

/** A message row. */
export function MessageItem({
  message: m,
  rowKey,
  first,
  last,
  quickReplies,
  i18n,
  parts,
  onAction,
  onRetry,
  onDelete,
}: MessageItemProps): JSX.Element {
  const own = m.from.role === 'user';
  const failed = m.status === 'failed';
  const unsent = m.status === 'queued' || m.status === 'sending';
  const cls = [
    'sc-msg',
    own ? 'sc-msg--out' : 'sc-msg--in',
    first ? 'sc-msg--first' : '',
    last ? 'sc-msg--last' : '',
    failed ? 'sc-msg--failed' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div class={cls} data-key={rowKey}>
      {!own && first ? <div class="sc-sender">{senderName(m.from, i18n)}</div> : null}
      {own ? <span class="sc-vh">{i18n.t('message.you')}:</span> : null}
      <div class="sc-msg-row">
        {!own ? last ? <Avatar message={m} i18n={i18n} /> : <span class="sc-avatar-gap" /> : null}
        <div class="sc-msg-body">
          <MessageParts message={m} env={parts} />
        </div>
      </div>
      {unsent && m.upload && m.clientId ? <UploadProgress message={m} i18n={i18n} onCancel={() => onDelete(m.clientId!)} /> : null}
      {failed && m.clientId ? (
        <FailedActions i18n={i18n} error={m.error} onRetry={() => onRetry(m.clientId!)} onDelete={() => onDelete(m.clientId!)} />
      ) : last || unsent ? (
        <div class="sc-meta">
          <time dateTime={m.createdAt}>{i18n.formatTime(m.createdAt)}</time>
          {own ? <StatusIcon status={m.status} i18n={i18n} /> : null}
        </div>
      ) : null}
      {quickReplies && m.quickReplies ? (
        <div class="sc-quick">
          {m.quickReplies.map((action) => (
            <button key={action.id} type="button" class="sc-chip" onClick={() => onAction(action, true)}>
              {action.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/**
 * {@link MessageItem} rendered again only when one of its props changed (messages are immutable:
 * a changed message is a new object), so a new message re-renders one row, not the window.
 */
export class MessageRow extends Component<MessageItemProps> {
  override shouldComponentUpdate(next: MessageItemProps): boolean {
    const props = this.props as unknown as Record<string, unknown>;
    const nextProps = next as unknown as Record<string, unknown>;
    for (const k in nextProps) if (props[k] !== nextProps[k]) return true;
    for (const k in props) if (!(k in nextProps)) return true;
    return false;
  }

  override render(props: MessageItemProps): JSX.Element {
    return <MessageItem {...props} />;
  }
}
