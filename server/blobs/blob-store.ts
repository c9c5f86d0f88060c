/**
 * Where uploaded files' bytes live, engine-neutral: the local data directory by default, a
 * PostgreSQL table when the server runs on PostgreSQL (so every process serves every file), and any
 * other engine (an S3-compatible bucket, say) that implements these four methods and passes
 * `test/server/blob-conformance.ts`. The file's description (name, type, owner) stays in the
 * {@link ChatStore}; a blob is only bytes under an unguessable key.
 * @module
 */
import type { Readable } from 'node:stream';

/** A stored blob, ready to be streamed. */
export interface StoredBlob {
  /** Size in bytes. */
  size: number;
  /** A fresh stream of the bytes (each call a new stream). */
  stream(): Readable;
}

/** The bytes of uploaded files. */
export interface BlobStore {
  /**
   * Stores `data` under `key`, replacing nothing (keys are new and unguessable); settles once the
   * bytes are durable, so a blob is never seen half written. Returns the size stored.
   */
  put(key: string, data: Buffer | Readable): Promise<number>;
  /** The blob under `key`, or undefined. */
  get(key: string): Promise<StoredBlob | undefined>;
  /** Deletes the blob under `key` (nothing when absent). */
  remove(key: string): Promise<void>;
  /** Releases the engine. */
  close(): Promise<void>;
}

/** Keys are what the server makes (`f_` + base64url): anything else is refused before it reaches an engine. */
export function checkBlobKey(key: string): string {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(key)) throw new Error(`bad blob key "${key.slice(0, 40)}"`);
  return key;
}
