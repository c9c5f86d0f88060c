/**
 * Rich parts of a message: attachments (image thumbnail or file chip) and cards.
 * URLs are checked against allow-lists before they reach `href` or `src`.
 * @module
 */
import type { JSX } from 'preact';
import type { Action, AttachmentRef, Part } from '../../core/model';
import type { I18n } from '../../i18n';
import { formatBytes, truncateMiddle } from '../shared/format';
import { Icon } from '../shared/icons';
import { ATTACHMENT_SCHEMES, IMAGE_SCHEMES, safeUrl } from '../shared/safe-url';
import { LinkifiedText } from './LinkifiedText';

/** Short type label of a file: its extension, else the MIME subtype. */
function typeLabel(a: AttachmentRef): string {
  const dot = a.name.lastIndexOf('.');
  if (dot > 0 && a.name.length - dot <= 6) return a.name.slice(dot + 1).toUpperCase();
  return (a.mimeType.split('/')[1] ?? a.mimeType).toUpperCase().slice(0, 8);
}

/** Hides an image that failed to load instead of showing a broken-image box. */
function hideBroken(event: Event): void {
  (event.currentTarget as HTMLImageElement).hidden = true;
}

/** An image thumbnail or a file chip with name, type and size. */
export function AttachmentView({ attachment: a, i18n }: { attachment: AttachmentRef; i18n: I18n }): JSX.Element {
  const href = safeUrl(a.url, ATTACHMENT_SCHEMES);
  const thumb = a.mimeType.startsWith('image/') ? safeUrl(a.thumbnailUrl ?? a.url, ATTACHMENT_SCHEMES) : null;
  if (thumb) {
    const img = <img class="sc-thumb" src={thumb} alt={a.name} loading="lazy" decoding="async" />;
    return href ? (
      <a class="sc-thumb-link" href={href} target="_blank" rel="noopener noreferrer">
        {img}
      </a>
    ) : (
      img
    );
  }
  const body = (
    <>
      <span class="sc-file-icon" aria-hidden="true">
        <Icon name="file" size={20} />
      </span>
      <span class="sc-file-text">
        <span class="sc-file-name" title={a.name}>
          {truncateMiddle(a.name)}
        </span>
        <span class="sc-file-meta">
          {typeLabel(a)} · {formatBytes(a.size, i18n)}
        </span>
      </span>
    </>
  );
  return href ? (
    <a class="sc-file" href={href} target="_blank" rel="noopener noreferrer" download={a.name} aria-label={i18n.t('message.download', { name: a.name })}>
      {body}
    </a>
  ) : (
    <div class="sc-file">{body}</div>
  );
}

/** A card: optional image, title, subtitle, text and buttons. */
export function CardView({ part, onAction }: { part: Extract<Part, { kind: 'card' }>; onAction(action: Action): void }): JSX.Element {
  const image = safeUrl(part.imageUrl, IMAGE_SCHEMES);
  return (
    <div class="sc-card">
      {image ? <img class="sc-card-image" src={image} alt="" loading="lazy" decoding="async" onError={hideBroken} /> : null}
      <div class="sc-card-body">
        {part.title ? <p class="sc-card-title" dir="auto">{part.title}</p> : null}
        {part.subtitle ? <p class="sc-card-subtitle" dir="auto">{part.subtitle}</p> : null}
        {part.text ? (
          <p class="sc-card-text" dir="auto">
            <LinkifiedText text={part.text} />
          </p>
        ) : null}
      </div>
      {part.actions?.length ? (
        <div class="sc-card-actions">
          {part.actions.map((action) => (
            <button key={action.id} type="button" class="sc-card-btn" onClick={() => onAction(action)}>
              {action.label}
              {action.kind === 'url' ? <Icon name="send" size={14} class="sc-external" /> : null}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
