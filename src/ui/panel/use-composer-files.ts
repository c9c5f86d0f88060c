/**
 * The composer's files: staged from the file picker, a paste or a drop, when the backend takes
 * attachments. A paste or drop with files stages them instead of inserting anything.
 * @module
 */
import type { Chat } from '../../core/chat';
import type { Capabilities } from '../../core/model';
import type { I18n } from '../../i18n';
import { type StagedFiles, useStagedFiles } from './use-staged-files';

/** The staged files and the composer's handlers that feed them. */
export interface ComposerFiles {
  staged: StagedFiles;
  /** Stages files; true when there were any (pasted or dropped ones are then not inserted). */
  stage(list: FileList | null | undefined): boolean;
  /** The file input's `change`: stages its files and empties it. */
  onFiles(event: Event): void;
  /** True when a drag carries files this composer can take. */
  hasFiles(event: DragEvent): boolean;
}

/**
 * Files of one composer. `showError` gets refused files (too big, too many, wrong type);
 * `clearError` runs when new files are staged.
 */
export function useComposerFiles(
  chat: Chat,
  i18n: I18n,
  attachments: Capabilities['attachments'],
  showError: (message: string) => void,
  clearError: () => void,
): ComposerFiles {
  const staged = useStagedFiles(chat, i18n, showError);
  const stage = (list: FileList | null | undefined): boolean => {
    const files = list ? Array.from(list) : [];
    if (!attachments || !files.length) return false;
    clearError();
    staged.add(files);
    return true;
  };
  const onFiles = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    stage(input.files);
    input.value = '';
  };
  const hasFiles = (event: DragEvent) => !!attachments && !!event.dataTransfer?.types.includes('Files');
  return { staged, stage, onFiles, hasFiles };
}
