/**
 * The draft's files: picked, pasted or dropped files are checked against the backend's limits
 * and staged here until the user sends; the chat's outbox uploads them (see `Chat.sendFiles`).
 * @module
 */
import { useState } from 'preact/hooks';
import type { Chat } from '../../core/chat';
import type { I18n } from '../../i18n';
import { checkFiles } from './file-checks';

/** One staged file. */
export interface StagedFile {
  key: string;
  file: File;
}

/** The staged files of the draft and what can be done with them. */
export interface StagedFiles {
  items: readonly StagedFile[];
  /** Checks files and stages those the backend accepts; refusals go to `onError`. */
  add(files: readonly File[]): void;
  /** Drops a staged file. */
  remove(key: string): void;
  clear(): void;
}

let counter = 0;

/** Manages the staged files of the composer. */
export function useStagedFiles(chat: Chat, i18n: I18n, onError: (text: string) => void): StagedFiles {
  const [items, setItems] = useState<readonly StagedFile[]>([]);
  return {
    items,
    add(files) {
      const limits = chat.state.capabilities.peek().attachments;
      if (!limits) return;
      const { accepted, error } = checkFiles(files, items.length, limits, i18n);
      if (error) onError(error);
      if (accepted.length) setItems((list) => [...list, ...accepted.map((file) => ({ key: `f${++counter}`, file }))]);
    },
    remove: (key) => setItems((list) => list.filter((it) => it.key !== key)),
    clear: () => setItems([]),
  };
}
