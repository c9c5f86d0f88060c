/**
 * Sends staged files through `chat.sendFiles` and looks after those messages in the UI layer:
 * image previews (`blob:` URLs made here, revoked as soon as no message shows them any more, and
 * on unmount) and coarse live-region announcements when an upload starts and when it is done
 * (failures are announced by the chat watcher, like every failed send).
 * @module
 */
import { useEffect, useRef } from 'preact/hooks';
import { localRefs } from '../../core/attachments';
import type { Chat } from '../../core/chat';
import type { ChatMessage } from '../../core/model';
import type { I18n } from '../../i18n';

const unsent = (m: ChatMessage) => m.status === 'queued' || m.status === 'sending' || m.status === 'failed';
const uploading = (m: ChatMessage) => (m.status === 'queued' || m.status === 'sending') && localRefs(m).length > 0;
const names = (m: ChatMessage) =>
  localRefs(m)
    .map((r) => r.name)
    .join(', ');

function objectUrl(file: File): string | undefined {
  if (!file.type.startsWith('image/') || typeof URL.createObjectURL !== 'function') return undefined;
  try {
    return URL.createObjectURL(file);
  } catch {
    return undefined;
  }
}

/** Returns the function that sends files (with text) as one message. */
export function useFileMessages(
  chat: Chat,
  i18n: I18n,
  announce: (text: string) => void,
): (files: File[], text: string) => ChatMessage | null {
  const previews = useRef(new Set<string>());
  const active = useRef(new Map<string, string>());

  useEffect(() => {
    const revoke = (url: string) => {
      previews.current.delete(url);
      URL.revokeObjectURL(url);
    };
    const stop = chat.state.messages.subscribe((list) => {
      // Uploads are unsent, so at the end of the list: only the tail is looked at for new ones.
      for (let i = list.length - 1; i >= 0 && unsent(list[i]!); i--) {
        const m = list[i]!;
        const key = m.clientId ?? m.id;
        if (uploading(m) && !active.current.has(key)) {
          active.current.set(key, names(m));
          announce(i18n.t('upload.started', { name: names(m) }));
        }
      }
      // The whole list only while this page has uploads or previews of its own.
      if (active.current.size === 0 && previews.current.size === 0) return;
      const shown = new Set<string>();
      for (const m of list) {
        for (const p of m.parts) if (p.kind === 'attachment' && p.attachment.thumbnailUrl) shown.add(p.attachment.thumbnailUrl);
      }
      for (const [key, name] of active.current) {
        const m = list.find((x) => (x.clientId ?? x.id) === key);
        if (m && uploading(m)) continue;
        active.current.delete(key);
        if (m && m.status !== 'failed') announce(i18n.t('upload.done', { name }));
      }
      for (const url of [...previews.current]) if (!shown.has(url)) revoke(url);
    });
    return () => {
      stop();
      for (const url of [...previews.current]) revoke(url);
    };
  }, [chat]);

  return (files, text) => {
    const previewUrls = files.map(objectUrl);
    for (const url of previewUrls) if (url) previews.current.add(url);
    const sent = chat.sendFiles(files, text, { previewUrls });
    // Nothing shows them (no message): drop them at once.
    if (!sent) for (const url of previewUrls) if (url && previews.current.delete(url)) URL.revokeObjectURL(url);
    return sent;
  };
}
