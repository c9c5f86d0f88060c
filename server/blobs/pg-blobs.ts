/**
 * A {@link BlobStore} in PostgreSQL (`blobs` table, `bytea`): what a deployment on PostgreSQL uses
 * by default, so every server process serves every upload without a shared volume. Files are at
 * most the upload limit (10 MiB by default), well within what `bytea` carries.
 * @module
 */
import { Readable } from 'node:stream';
import pg from 'pg';
import { type BlobStore, checkBlobKey, type StoredBlob } from './blob-store';

async function bytesOf(data: Buffer | Readable): Promise<Buffer> {
  if (Buffer.isBuffer(data)) return data;
  const chunks: Buffer[] = [];
  for await (const chunk of data) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
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
      const bytes = await bytesOf(data);
      await pool.query('INSERT INTO blobs (key, data, created_at) VALUES ($1, $2, $3)', [checkBlobKey(key), bytes, Date.now()]);
      return bytes.length;
    },
    async get(key): Promise<StoredBlob | undefined> {
      const { rows } = await pool.query<{ data: Buffer }>('SELECT data FROM blobs WHERE key = $1', [checkBlobKey(key)]);
      const data = rows[0]?.data;
      return data ? { size: data.length, stream: () => Readable.from([data]) } : undefined;
    },
    async remove(key) {
      await pool.query('DELETE FROM blobs WHERE key = $1', [checkBlobKey(key)]);
    },
    async close() {
      await pool.end();
    },
  };
}
