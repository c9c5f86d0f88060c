/**
 * `attachment` parts: an image thumbnail or a file chip with name, type and size.
 * URLs are checked against allow-lists before they reach `href` or `src`.
 * @module
 */
import type { JSX } from 'preact';
import type { AttachmentRef, Part } from '../../core/model';
import type { I18n } from '../../i18n';
import { formatBytes, truncateMiddle } from '../shared/format';
import { Icon } from '../shared/icons';
import { ATTACHMENT_SCHEMES, safeUrl } from '../shared/safe-url';
import type { PartEntry, PartProps } from './types';

/** Short type label of a file: its extension, else the MIME subtype. */
function typeLabel(a: AttachmentRef): string {
  const dot = a.name.lastIndexOf('.');
  if (dot > 0 && a.name.length - dot <= 6) return a.name.slice(dot + 1).toUpperCase();
  return (a.mimeType.split('/')[1] ?? a.mimeType).toUpperCase().slice(0, 8);
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
    <a class="sc-file" href={href} target="_blank" rel="noopener noreferrer" download={a.name}>
      {/* The name comes from what is seen (WCAG 2.5.3), led by the hidden verb for screen readers. */}
      <span class="sc-vh">{i18n.t('message.download', { name: '' }).trim()} </span>
      {body}
    </a>
  ) : (
    <div class="sc-file">{body}</div>
  );
}

type AttachmentPart = Extract<Part, { kind: 'attachment' }>;

/** Registry entry of `attachment` parts. */
export const attachmentPart: PartEntry<AttachmentPart> = {
  View: ({ part, env }: PartProps<AttachmentPart>) => (
    <div class="sc-attachment">
      <AttachmentView attachment={part.attachment} i18n={env.i18n} />
    </div>
  ),
};
