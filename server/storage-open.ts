/**
 * What a server opens at start: its bot, and its store, bus and blob store (injected, or
 * PostgreSQL's with `databaseUrl`, or the embedded SQLite file and the data dir's uploads).
 * @module
 */
import type { Bot } from './bot-types';
import { createFallbackBot } from './bot-fallback';
import type { ServerOptions } from './config';
import { createLocalBlobStore } from './blobs/local-blobs';
import { createPgBlobStore } from './blobs/pg-blobs';
import { createPgBus } from './bus/pg-bus';
import { createPgStore } from './db/pg-store';
import { createSqliteStore } from './db/sqlite-store';
import { sqliteOptions } from './governance/settings';
import type { Logger } from './log';

/** The scripted bank bot, or the fallback bot when its content cannot be loaded. */
export async function loadBot(log: Logger): Promise<Bot> {
  try {
    const mod = (await import('./bot/index')) as { createBot: () => Bot };
    return mod.createBot();
  } catch (e) {
    log.warn('server/bot could not be loaded: using the fallback bot', { error: e instanceof Error ? e.message : String(e) });
    return createFallbackBot();
  }
}

/**
 * The store and bus of a server: injected, or PostgreSQL's when `databaseUrl` is set, or the
 * embedded SQLite file (no bus: one process).
 */
export async function openStorage(options: ServerOptions, dbFile: string, uploadsDir: string, log: Logger) {
  const url = options.databaseUrl;
  const pgOptions = { connectionString: url ?? '', ...(options.databaseSchema ? { schema: options.databaseSchema } : {}) };
  const store = options.store ?? (url ? await createPgStore(pgOptions) : createSqliteStore(dbFile, sqliteOptions(options)));
  let bus = options.bus;
  if (!bus && url && !options.store) {
    try {
      bus = await createPgBus({
        connectionString: url,
        log,
        ...(options.databaseSchema ? { channel: `support_chat_${options.databaseSchema}` } : {}),
      });
    } catch (e) {
      await store.close();
      throw e;
    }
  }
  let blobs = options.blobs;
  try {
    blobs ??= url && !options.store ? await createPgBlobStore(pgOptions) : createLocalBlobStore(uploadsDir);
  } catch (e) {
    if (!options.bus) await bus?.close();
    if (!options.store) await store.close();
    throw e;
  }
  const owned = {
    store: options.store === undefined,
    bus: options.bus === undefined && bus !== undefined,
    blobs: options.blobs === undefined,
  };
  return { store, bus, blobs, owned };
}
