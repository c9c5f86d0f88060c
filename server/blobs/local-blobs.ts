/**
 * The default {@link BlobStore}: one file per blob in a directory (mode 0600), written to a
 * temporary name and renamed into place, so a crash never leaves a half-written blob under its key.
 * Several processes can share it through a shared volume.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type BlobStore, checkBlobKey, type StoredBlob } from './blob-store';

/** Blobs as files in `dir` (created 0700 when missing). */
export function createLocalBlobStore(dir: string): BlobStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = (key: string): string => path.join(dir, checkBlobKey(key));
  return {
    async put(key, data) {
      const target = file(key);
      const temp = path.join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
      const out = createWriteStream(temp, { mode: 0o600, flags: 'wx' });
      try {
        await pipeline(Buffer.isBuffer(data) ? Readable.from([data]) : data, out);
        const handle = await fs.open(temp, 'r');
        await handle.sync().finally(() => handle.close());
        await fs.rename(temp, target);
        return (await fs.stat(target)).size;
      } catch (e) {
        // The file is opened asynchronously: remove it only once the stream is closed, or an open
        // that completes after the error would leave the temporary file behind.
        if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
        await fs.rm(temp, { force: true });
        throw e;
      }
    },
    async get(key): Promise<StoredBlob | undefined> {
      const target = file(key);
      const stat = await fs.stat(target).catch(() => undefined);
      if (!stat?.isFile()) return undefined;
      return { size: stat.size, stream: () => createReadStream(target) };
    },
    async remove(key) {
      await fs.rm(file(key), { force: true });
    },
    async close() {},
  };
}
