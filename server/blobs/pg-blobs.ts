/**
 * A {@link BlobStore} in PostgreSQL: what a deployment on PostgreSQL uses by default, so every
 * server process serves every upload without a shared volume. A blob is streamed in as 256 KiB rows
 * of `blob_chunks` (never held whole in memory), and its `blobs` row, written last, makes it visible:
 * a blob is never seen half written. Blobs of before (one `bytea` in `blobs.data`) are still served.
 * @module
 */
import { Readable } from 'node:stream';
import pg from 'pg';
import { type BlobStore, checkBlobKey, type StoredBlob } from './blob-store';

/** What a chunked blob's `blobs.data` holds (its bytes are in `blob_chunks`). */
const EMPTY = Buffer.alloc(0);

/** Bytes per `blob_chunks` row. */
const CHUNK = 256 * 1024;

/** The stream's bytes in pieces of {@link CHUNK} (the last one shorter). */
async function* chunks(data: Buffer | Readable): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(data)) {
    for (let i = 0; i < data.length || i === 0; i += CHUNK) yield data.subarray(i, i + CHUNK);
    return;
  }
  let held: Buffer[] = [];
  let size = 0;
  for await (const c of data) {
    const chunk = Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array);
    held.push(chunk);
    size += chunk.length;
    while (size >= CHUNK) {
      const all = Buffer.concat(held, size);
      yield all.subarray(0, CHUNK);
      held = [all.subarray(CHUNK)];
      size -= CHUNK;
    }
  }
  if (size > 0) yield Buffer.concat(held, size);
}

/** A stream of a chunked blob, one row at a time. */
function chunkStream(pool: pg.Pool, key: string, count: number): Readable {
  let n = 0;
  return new Readable({
    async read() {
      if (n >= count) return void this.push(null);
      try {
        const { rows } = await pool.query<{ data: Buffer }>('SELECT data FROM blob_chunks WHERE key = $1 AND n = $2', [key, n++]);
        if (!rows[0]) throw new Error(`blob ${key} lost chunk ${n - 1}`);
        this.push(rows[0].data);
      } catch (e) {
        this.destroy(e as Error);
      }
    },
  });
}

/** Options of {@link createPgBlobStore}. */
export interface PgBlobOptions {
  connectionString: string;
  /** Schema of the `blobs` table (default: the connection's search path); created when missing. */
  schema?: string;
}

/** Processes starting together create the table once (IF NOT EXISTS alone races in PostgreSQL). */
async function createTable(pool: pg.Pool, schema: string | undefined): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [0x5c_b1_0b]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query('CREATE TABLE IF NOT EXISTS blobs (key TEXT PRIMARY KEY, data BYTEA NOT NULL, created_at BIGINT NOT NULL)');
    await client.query('ALTER TABLE blobs ADD COLUMN IF NOT EXISTS size BIGINT, ADD COLUMN IF NOT EXISTS chunks INTEGER');
    await client.query(
      'CREATE TABLE IF NOT EXISTS blob_chunks (key TEXT NOT NULL, n INTEGER NOT NULL, data BYTEA NOT NULL, PRIMARY KEY (key, n))',
    );
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** Blobs in the `blobs` table of a PostgreSQL database (created when missing). */
export async function createPgBlobStore(options: PgBlobOptions): Promise<BlobStore> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad schema name "${schema}"`);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: 4,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', () => {});
  try {
    await createTable(pool, schema);
  } catch (e) {
    await pool.end();
    throw e;
  }
  return {
    async put(key, data) {
      checkBlobKey(key);
      let n = 0;
      let size = 0;
      try {
        for await (const piece of chunks(data)) {
          await pool.query('INSERT INTO blob_chunks (key, n, data) VALUES ($1, $2, $3)', [key, n++, piece]);
          size += piece.length;
        }
        await pool.query('INSERT INTO blobs (key, data, created_at, size, chunks) VALUES ($1, $2, $3, $4, $5)', [
          key,
          EMPTY,
          Date.now(),
          size,
          n,
        ]);
        return size;
      } catch (e) {
        await pool.query('DELETE FROM blob_chunks WHERE key = $1', [key]).catch(() => {});
        throw e;
      }
    },
    async get(key): Promise<StoredBlob | undefined> {
      const { rows } = await pool.query<{ data: Buffer; size: string | null; chunks: number | null }>(
        'SELECT data, size, chunks FROM blobs WHERE key = $1',
        [checkBlobKey(key)],
      );
      const row = rows[0];
      if (!row) return undefined;
      if (row.chunks === null) return { size: row.data.length, stream: () => Readable.from([row.data]) };
      const count = row.chunks;
      return { size: Number(row.size), stream: () => chunkStream(pool, key, count) };
    },
    async remove(key) {
      checkBlobKey(key);
      await pool.query('DELETE FROM blobs WHERE key = $1', [key]);
      await pool.query('DELETE FROM blob_chunks WHERE key = $1', [key]);
    },
    async close() {
      await pool.end();
    },
  };
}
