/**
 * The composer's smaller pieces: the error line, the staged files list and the attach button
 * with its hidden file input.
 * @module
 */
import type { JSX } from 'preact';
import { useRef } from 'preact/hooks';
import type { Capabilities } from '../../core/model';
import type { I18n } from '../../i18n';
import { Icon } from '../shared/icons';
import type { StagedFiles } from './use-staged-files';

/** The last error (a refused file, a failed send), with a dismiss button. */
export function ComposerError({ error, i18n, onDismiss }: { error: string; i18n: I18n; onDismiss: () => void }): JSX.Element | null {
  if (!error) return null;
  return (
    <div class="sc-composer-error">
      <span>{error}</span>
      <button type="button" class="sc-icon-btn sc-icon-btn--small" aria-label={i18n.t('error.dismiss')} onClick={onDismiss}>
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}

/** The files staged for the next message, each with a remove button. */
export function StagedFileList({ staged, i18n }: { staged: StagedFiles; i18n: I18n }): JSX.Element | null {
  if (!staged.items.length) return null;
  return (
    <ul class="sc-uploads">
      {staged.items.map((it) => (
        <li key={it.key} class="sc-upload">
          <Icon name="file" size={16} />
          <span class="sc-upload-name" title={it.file.name}>
            {it.file.name}
          </span>
          <button
            type="button"
            class="sc-icon-btn sc-icon-btn--small"
            aria-label={i18n.t('upload.remove', { name: it.file.name })}
            onClick={() => staged.remove(it.key)}
          >
            <Icon name="close" size={14} />
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The attach button and the file input it opens; nothing when the backend takes no files. */
export function AttachButton({
  attachments,
  i18n,
  onFiles,
}: {
  attachments: Capabilities['attachments'];
  i18n: I18n;
  onFiles: (event: Event) => void;
}): JSX.Element | null {
  const fileRef = useRef<HTMLInputElement>(null);
  if (!attachments) return null;
  return (
    <>
      <button type="button" class="sc-icon-btn sc-attach" aria-label={i18n.t('composer.attach')} onClick={() => fileRef.current?.click()}>
        <Icon name="clip" size={20} />
      </button>
      <input
        ref={fileRef}
        type="file"
        hidden
        multiple={attachments.maxFiles > 1}
        accept={attachments.accept.join(',')}
        onChange={onFiles}
        tabIndex={-1}
      />
    </>
  );
}
