/**
 * The draft's attachments: checks, uploads through `chat.upload` with progress and cancel.
 * @module
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Chat } from '../../core/chat';
import type { AttachmentRef } from '../../core/model';
import type { I18n } from '../../i18n';
import { checkFiles } from './file-checks';

/** One staged file. */
export interface StagedFile {
  key: string;
  name: string;
  /** 0–1 while uploading. */
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  ref?: AttachmentRef;
}

/** The uploads of the draft and what can be done with them. */
export interface Uploads {
  items: readonly StagedFile[];
  /** Checks and starts uploading picked files. */
  add(files: readonly File[]): void;
  /** Cancels an upload or drops a staged file. */
  remove(key: string): void;
  /** Uploaded attachments, ready to send. */
  ready(): AttachmentRef[];
  busy: boolean;
  clear(): void;
}

/** Manages uploads; reports refusals and failures through `onError`. */
export function useUploads(chat: Chat, i18n: I18n, onError: (text: string) => void): Uploads {
  const [items, setItems] = useState<readonly StagedFile[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const counter = useRef(0);

  useEffect(() => () => controllers.current.forEach((c) => c.abort()), []);

  const patch = (key: string, change: Partial<StagedFile>) =>
    setItems((list) => list.map((it) => (it.key === key ? { ...it, ...change } : it)));

  const remove = (key: string) => {
    controllers.current.get(key)?.abort();
    controllers.current.delete(key);
    setItems((list) => list.filter((it) => it.key !== key));
  };

  const add = (files: readonly File[]) => {
    const limits = chat.state.capabilities.peek().attachments;
    if (!limits) return;
    const { accepted, error } = checkFiles(files, items.length, limits, i18n);
    if (error) onError(error);
    for (const file of accepted) {
      const key = `u${++counter.current}`;
      const controller = new AbortController();
      controllers.current.set(key, controller);
      setItems((list) => [...list, { key, name: file.name, progress: 0, state: 'uploading' }]);
      chat
        .upload(file, (loaded, total) => patch(key, { progress: total > 0 ? loaded / total : 0 }), controller.signal)
        .then((ref) => {
          if (!controller.signal.aborted) patch(key, { state: 'done', progress: 1, ref });
        })
        .catch(() => {
          if (controller.signal.aborted) return;
          patch(key, { state: 'failed' });
          onError(i18n.t('upload.failed', { name: file.name }));
        })
        .finally(() => controllers.current.delete(key));
    }
  };

  return {
    items,
    add,
    remove,
    ready: () => items.flatMap((it) => (it.state === 'done' && it.ref ? [it.ref] : [])),
    busy: items.some((it) => it.state === 'uploading'),
    clear: () => setItems([]),
  };
}
