/**
 * Files sent through the outbox (`Chat.sendFiles`): a message is created at once with a local
 * placeholder per file (`id: 'local:…'`); when the outbox reaches it, each pending file is
 * uploaded through `transport.upload` (progress goes into `ChatMessage.upload`), the placeholder
 * is replaced by the returned ref, and only then is the message sent, with the same clientId.
 * Uploaded refs are written into the message at once, so a retry never uploads a file twice.
 * The files themselves live in memory only: after a reload the message fails as
 * `upload_interrupted` (see persistence).
 * @module
 */
import { TransportError } from './errors';
import { createId } from './ids';
import type { AttachmentRef, ChatMessage, MessageError } from './model';
import type { UploadOptions } from './transport';

/** Prefix of the ids of placeholders for files that are not uploaded yet. */
export const LOCAL_REF_PREFIX = 'local:';

/** A file as the SDK accepts it: a Blob, with a name when it is a File. */
export type FileInput = Blob & { name?: string };

/** The error of a message whose files were lost before they were uploaded. */
export const UPLOAD_INTERRUPTED: MessageError = {
  code: 'upload_interrupted',
  message: 'The file upload was interrupted: attach it again',
  retryable: false,
};

/** True for a placeholder of a file the SDK still has to upload. */
export function isLocalRef(ref: AttachmentRef): boolean {
  return ref.id.startsWith(LOCAL_REF_PREFIX);
}

/** The placeholders of a message that still wait for their upload. */
export function localRefs(message: ChatMessage): AttachmentRef[] {
  return message.parts.flatMap((p) => (p.kind === 'attachment' && isLocalRef(p.attachment) ? [p.attachment] : []));
}

/** What the uploads need from the chat. @internal */
export interface UploadHost {
  readonly transportName: string;
  /** Uploads one file (rejects with an `unsupported` TransportError when the backend takes none). */
  upload(file: FileInput, options: UploadOptions): Promise<AttachmentRef>;
  /** The current version of a message, by clientId. */
  get(clientId: string): ChatMessage | undefined;
  /** Replaces a message (by clientId) with `change(message)`. */
  patch(clientId: string, change: (message: ChatMessage) => ChatMessage): void;
  /** Writes the outbox to storage before anything touches the network. */
  persist(): Promise<void>;
}

/** @internal */
export interface Uploads {
  /** Keeps the files in memory and returns one placeholder per file. */
  stage(files: readonly FileInput[], previewUrls?: ReadonlyArray<string | undefined>): AttachmentRef[];
  /**
   * Uploads the message's pending files and returns it with real refs, ready to send; null
   * when it was cancelled meanwhile, or marked failed because its files are gone. Rejects with
   * the upload's error otherwise (the outbox retries or fails the message).
   */
  prepare(message: ChatMessage): ChatMessage | null | Promise<ChatMessage | null>;
  /** True when every pending file of the message is still in memory (a retry can upload it). */
  canUpload(message: ChatMessage): boolean;
  /** Aborts the message's upload, if one is running; returns true when it did. */
  abort(clientId: string): boolean;
  /** Forgets the files of a deleted message. */
  forget(message: ChatMessage): void;
  /** Aborts everything (destroy). */
  stop(): void;
}

const withoutUpload = ({ upload: _upload, ...rest }: ChatMessage): ChatMessage => rest;

/** Rejects when `signal` aborts, so a transport that ignores the signal cannot stall the outbox. */
function whenAborted(signal: AbortSignal, name: string): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(new TransportError(name, 'closed', 'upload cancelled', { retryable: false })), {
      once: true,
    });
  });
}

const sizeOf = (refs: readonly AttachmentRef[]) => refs.reduce((sum, r) => sum + r.size, 0);

/**
 * A progress bar over a message's files that never goes backwards (a re-upload after a failure
 * shows the bar where it stopped until it passes) and patches at most once per percent.
 */
function progressOf(host: UploadHost, clientId: string, total: number, from: number): (loaded: number, force?: boolean) => void {
  let shown = from;
  return (loaded, force = false) => {
    const next = Math.min(total, Math.max(shown, loaded));
    const step = (n: number) => (total > 0 ? Math.floor((n * 100) / total) : 0);
    if (!force && step(next) === step(shown)) return;
    shown = next;
    host.patch(clientId, (m) => ({ ...m, upload: { loaded: next, total } }));
  };
}

/** Uploads the message's local files one by one, replacing each placeholder by its real ref. */
async function uploadAll(
  host: UploadHost,
  files: Map<string, FileInput>,
  clientId: string,
  signal: AbortSignal,
): Promise<ChatMessage | null> {
  const first = host.get(clientId);
  if (!first) return null;
  const all = first.parts.flatMap((p) => (p.kind === 'attachment' ? [p.attachment] : []));
  let done = sizeOf(all.filter((r) => !isLocalRef(r)));
  const show = progressOf(host, clientId, sizeOf(all), Math.max(done, first.upload?.loaded ?? 0));
  show(0, true);
  const aborted = whenAborted(signal, host.transportName);
  aborted.catch(() => undefined);
  for (const ref of localRefs(first)) {
    const file = files.get(ref.id)!;
    const onProgress: UploadOptions['onProgress'] = (p) => {
      if (!signal.aborted) show(done + ref.size * (p.total > 0 ? Math.min(1, p.loaded / p.total) : 0));
    };
    const uploaded = await Promise.race([host.upload(file, { signal, onProgress }), aborted]);
    if (signal.aborted) return null;
    files.delete(ref.id);
    done += ref.size;
    host.patch(clientId, (m) => ({
      ...m,
      parts: m.parts.map((p) => (p.kind === 'attachment' && p.attachment.id === ref.id ? { kind: 'attachment', attachment: uploaded } : p)),
    }));
    show(done);
  }
  host.patch(clientId, withoutUpload);
  return host.get(clientId) ?? null;
}

/** @internal */
export function createUploads(host: UploadHost): Uploads {
  const files = new Map<string, FileInput>();
  const running = new Map<string, AbortController>();

  const run = async (clientId: string): Promise<ChatMessage | null> => {
    const controller = new AbortController();
    running.set(clientId, controller);
    try {
      await host.persist();
      if (controller.signal.aborted) return null;
      return await uploadAll(host, files, clientId, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) return null;
      throw error;
    } finally {
      if (running.get(clientId) === controller) running.delete(clientId);
    }
  };

  const uploads: Uploads = {
    stage(list, previewUrls = []) {
      return list.map((file, i) => {
        const id = `${LOCAL_REF_PREFIX}${createId()}`;
        files.set(id, file);
        const preview = previewUrls[i];
        return {
          id,
          name: file.name || 'file',
          mimeType: file.type || 'application/octet-stream',
          size: file.size,
          ...(preview ? { thumbnailUrl: preview } : {}),
        };
      });
    },
    canUpload: (message) => localRefs(message).every((r) => files.has(r.id)),
    prepare(message) {
      const clientId = message.clientId;
      // Nothing to upload: handed back synchronously, so plain messages go out without a tick.
      if (clientId === undefined || localRefs(message).length === 0) return message;
      if (!uploads.canUpload(message)) {
        host.patch(clientId, (m) => ({ ...withoutUpload(m), status: 'failed', error: UPLOAD_INTERRUPTED }));
        return null;
      }
      return run(clientId);
    },
    abort(clientId) {
      const controller = running.get(clientId);
      if (!controller) return false;
      running.delete(clientId);
      controller.abort();
      return true;
    },
    forget(message) {
      for (const ref of localRefs(message)) files.delete(ref.id);
    },
    stop() {
      for (const controller of running.values()) controller.abort();
      running.clear();
      files.clear();
    },
  };
  return uploads;
}
