/**
 * Receives the one file part of a multipart upload (busboy) and streams it into the blob store
 * through an {@link UploadGate}: never buffered whole, refused while streaming when too large or of
 * a type not accepted (the partial blob removed), and dropped when the body stalls or takes too long.
 * @module
 */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import type { BlobStore } from '../blobs/blob-store';
import { ServiceError } from '../domain/errors';
import { BodyClock, type BodyTimeouts } from '../limits/body-timeouts';
import { UploadGate, uploadTooLarge } from './gate';

/** What was stored. */
export interface Received {
  /** The file name the client gave (unsanitised). */
  filename: string | undefined;
  mimeType: string;
  size: number;
}

/** How to receive. */
export interface ReceiveOptions {
  blobs: BlobStore;
  /** The new blob's key. */
  id: string;
  accept: readonly string[];
  maxBytes: number;
  timeouts: BodyTimeouts;
}

const invalid = (message: string): ServiceError => new ServiceError('invalid', message);

/** Streams the file of `req` into `blobs` under `id`; rejects (with nothing stored) when refused. */
export function receiveUpload(req: IncomingMessage, o: ReceiveOptions): Promise<Received> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let gate: UploadGate | undefined;
    let stored: Promise<number> | undefined;
    let filename: string | undefined;
    const fail = (e: unknown): void => {
      if (settled) return;
      settled = true;
      clock.stop();
      req.unpipe(bb);
      gate?.destroy();
      // Reject once the partial blob is gone (the engine removes its temporary file on error).
      const written = stored ? stored.then(() => o.blobs.remove(o.id)).catch(() => o.blobs.remove(o.id)) : Promise.resolve();
      written.catch(() => undefined).finally(() => reject(e));
    };
    const clock = new BodyClock(o.timeouts, fail);
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: 1, fileSize: o.maxBytes + 1, fields: 10, parts: 12, fieldSize: 1024 },
      });
    } catch {
      clock.stop();
      reject(invalid('expected multipart/form-data with a boundary'));
      return;
    }
    bb.on('file', (_field, stream, info) => {
      if (gate) {
        stream.resume();
        return fail(invalid('one file per request'));
      }
      filename = info.filename;
      const g = (gate = new UploadGate(o.accept, o.maxBytes));
      // busboy signals at exactly its limit: one byte above ours means over.
      stream.on('limit', () => g.destroy(uploadTooLarge(o.maxBytes)));
      stream.on('error', (e: Error) => g.destroy(e));
      stream.pipe(g);
      stored = o.blobs.put(o.id, g);
      stored.catch(fail);
    });
    bb.on('filesLimit', () => fail(invalid('one file per request')));
    bb.on('error', (e: Error) => fail(invalid(`malformed multipart body: ${e.message}`)));
    bb.on('close', () => {
      if (!gate || !stored) return fail(invalid('no "file" part'));
      const g = gate;
      stored.then(
        () => {
          if (settled) return;
          settled = true;
          clock.stop();
          resolve({ filename, ...g.result() });
        },
        (e: unknown) => fail(e),
      );
    });
    req.on('data', () => clock.touch());
    req.on('close', () => {
      if (!req.complete) fail(invalid('the request was aborted'));
    });
    req.pipe(bb);
  });
}
