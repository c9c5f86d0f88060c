/**
 * Reads what the reference server really stored, straight from its SQLite file (read-only), so
 * tests can check "accepted exactly once" without trusting the client.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { WireMessage } from '../../src/transports/swp/frames';

/** One stored message with a clientId. */
export interface AcceptedRecord {
  /** Which server incarnation's data directory (restarts that forget start a new one). */
  dataDir: string;
  conversationId: string;
  clientId: string;
  id: string;
  seq: number;
}

const dbFile = (dataDir: string) => path.join(dataDir, 'support-chat.sqlite');

function withDb<T>(dataDir: string, read: (db: Database.Database) => T, empty: T): T {
  if (!existsSync(dbFile(dataDir))) return empty;
  const db = new Database(dbFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Every message with a clientId stored in these data directories (oldest incarnation first). */
export function acceptedMessages(dataDirs: readonly string[]): AcceptedRecord[] {
  return dataDirs.flatMap((dataDir) =>
    withDb(
      dataDir,
      (db) =>
        (
          db
            .prepare('SELECT conversation_id, client_id, id, seq FROM messages WHERE client_id IS NOT NULL ORDER BY conversation_id, seq')
            .all() as Array<{
            conversation_id: string;
            client_id: string;
            id: string;
            seq: number;
          }>
        ).map((r) => ({ dataDir, conversationId: r.conversation_id, clientId: r.client_id, id: r.id, seq: r.seq })),
      [] as AcceptedRecord[],
    ),
  );
}

/** The full message history of a conversation, in seq order. */
export function storedHistory(dataDir: string, conversationId: string): WireMessage[] {
  return withDb(
    dataDir,
    (db) =>
      (
        db.prepare('SELECT payload FROM messages WHERE conversation_id = ? ORDER BY seq').all(conversationId) as Array<{ payload: string }>
      ).map((r) => JSON.parse(r.payload) as WireMessage),
    [] as WireMessage[],
  );
}
