/**
 * Conformance suite of the BlobStore interface: every engine of uploaded files' bytes must pass it.
 */
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../server/blobs/blob-store';

async function read(store: BlobStore, key: string): Promise<Buffer | undefined> {
  const blob = await store.get(key);
  if (!blob) return undefined;
  const chunks: Buffer[] = [];
  for await (const c of blob.stream()) chunks.push(c as Buffer);
  const out = Buffer.concat(chunks);
  expect(out.length).toBe(blob.size);
  return out;
}

/** Registers the suite; `factory` returns a fresh, empty store. */
export function blobConformance(name: string, factory: () => Promise<BlobStore> | BlobStore): void {
  describe(`BlobStore conformance: ${name}`, () => {
    const open: BlobStore[] = [];
    const fresh = async (): Promise<BlobStore> => {
      const s = await factory();
      open.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });

    it('stores bytes from a buffer and from a stream, and gives them back exactly, as often as asked', async () => {
      const s = await fresh();
      const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 31) % 256));
      expect(await s.put('f_buffer', bytes)).toBe(bytes.length);
      expect(await s.put('f_stream', Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]))).toBe(bytes.length);
      expect((await read(s, 'f_buffer'))!.equals(bytes)).toBe(true);
      expect((await read(s, 'f_stream'))!.equals(bytes)).toBe(true);
      expect((await read(s, 'f_stream'))!.equals(bytes)).toBe(true);
    });

    it('an unknown key is absent; a removed blob is gone; removing twice is fine', async () => {
      const s = await fresh();
      expect(await s.get('f_none')).toBeUndefined();
      await s.put('f_x', Buffer.from('x'));
      await s.remove('f_x');
      await s.remove('f_x');
      expect(await s.get('f_x')).toBeUndefined();
    });

    it('refuses keys that could leave its namespace', async () => {
      const s = await fresh();
      for (const key of ['../etc/passwd', 'a/b', '', '.hidden', 'x'.repeat(200)]) {
        await expect(s.put(key, Buffer.from('x'))).rejects.toThrow(/bad blob key/);
        await expect(s.get(key)).rejects.toThrow(/bad blob key/);
      }
    });

    it('a failed stream stores nothing under the key', async () => {
      const s = await fresh();
      const failing = new Readable({
        read() {
          this.destroy(new Error('client went away'));
        },
      });
      await expect(s.put('f_broken', failing)).rejects.toThrow(/went away/);
      expect(await s.get('f_broken')).toBeUndefined();
    });
  });
}
