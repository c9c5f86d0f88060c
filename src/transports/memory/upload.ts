/**
 * Simulated upload: checks size and type like a server would, reports progress in four steps and
 * returns a `blob:` URL (when the platform has `URL.createObjectURL`) so the page can show the file.
 * @module
 */
import { createId } from '../../core/ids';
import { TransportError } from '../../core/errors';
import type { AttachmentRef, Capabilities } from '../../core/model';
import type { UploadOptions } from '../../core/transport';

/** True when the file matches one of the `accept` patterns ("image/*", an exact type, or ".pdf"). @internal */
export function accepts(accept: readonly string[], type: string, name = ''): boolean {
  return accept.some((p) =>
    p.startsWith('.') ? name.toLowerCase().endsWith(p.toLowerCase()) : p.endsWith('/*') ? type.startsWith(p.slice(0, -1)) : type === p,
  );
}

function objectUrl(file: Blob): string | undefined {
  const u = (globalThis as { URL?: { createObjectURL?: (blob: Blob) => string } }).URL;
  try {
    return typeof u?.createObjectURL === 'function' ? u.createObjectURL(file) : undefined;
  } catch {
    return undefined;
  }
}

/** @internal */
export async function simulateUpload(
  name: string,
  file: Blob & { name?: string },
  limits: Exclude<Capabilities['attachments'], false>,
  options: UploadOptions,
  wait: (ms: number) => Promise<void>,
  stepMs: number,
): Promise<AttachmentRef> {
  const { signal, onProgress } = options;
  const type = file.type || 'application/octet-stream';
  if (file.size > limits.maxBytes) {
    throw new TransportError(name, 'too_large', `file is larger than ${limits.maxBytes} bytes`);
  }
  if (!accepts(limits.accept, type, file.name)) {
    throw new TransportError(name, 'unsupported_type', `files of type ${type} are not accepted`);
  }
  for (let step = 0; step <= 4; step++) {
    if (signal?.aborted) throw new TransportError(name, 'closed', 'upload aborted', { cause: signal.reason });
    onProgress?.({ loaded: Math.round((file.size * step) / 4), total: file.size });
    if (step < 4) await wait(stepMs);
  }
  const url = objectUrl(file);
  return { id: createId(), name: file.name || 'file', mimeType: type, size: file.size, ...(url ? { url } : {}) };
}
