/**
 * The store a CLI command works on: the same database the server would open with these settings
 * (`DATABASE_URL`, else the SQLite file in the data directory).
 * @module
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ServerOptions } from '../config';
import type { ChatStore } from '../db/chat-store';
import { createPgStore } from '../db/pg-store';
import { createSqliteStore } from '../db/sqlite-store';
import { sqliteOptions } from '../governance/settings';

/** Opens (and migrates) the deployment's store; close it when done. */
export async function openStore(options: ServerOptions): Promise<ChatStore> {
  if (options.databaseUrl) {
    return createPgStore({ connectionString: options.databaseUrl, ...(options.databaseSchema ? { schema: options.databaseSchema } : {}) });
  }
  const dir = options.dataDir ?? '.data';
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return createSqliteStore(path.join(dir, 'support-chat.sqlite'), sqliteOptions(options));
}
