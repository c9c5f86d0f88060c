/**
 * `support-chat-server` subcommands of this area (see ../cli/commands.ts):
 *
 * `support-chat-server erase --user ID | --session ID | --conversation ID [server settings]`
 * erases one customer's data from the deployment the server settings name (`--data-dir` /
 * `DATA_DIR`, `--database-url` / `DATABASE_URL`, …): their sessions, conversations, messages,
 * events, ratings, contacts, uploads with the files' bytes, and verification records. The audit
 * log keeps an `erase` entry by `cli`. Connected customers of a running server lose their session
 * at their next request (a running server's own `gov.erase` disconnects them at once).
 * @module
 */
import path from 'node:path';
import type { BlobStore } from '../blobs/blob-store';
import { createLocalBlobStore } from '../blobs/local-blobs';
import { createPgBlobStore } from '../blobs/pg-blobs';
import type { CliCommand, CliIo } from '../cli/commands';
import { openStore } from '../cli/open-store';
import { readSettings, SettingsError } from '../cli/settings';
import type { ServerOptions } from '../config';
import type { CustomerKey } from '../db/governance-store';
import { countsLabel, eraseCustomer } from './erasure';

const USAGE = 'usage: support-chat-server erase --user ID | --session ID | --conversation ID [--data-dir DIR | --database-url URL]\n';
const KEYS = { '--user': 'userId', '--session': 'sessionId', '--conversation': 'conversationId' } as const;

/** Splits the erasure key off the arguments; the rest are server settings. */
function keyOf(argv: string[]): { key: CustomerKey; rest: string[] } | string {
  const rest: string[] = [];
  let key: CustomerKey | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (!(flag in KEYS)) {
      rest.push(a);
      continue;
    }
    const value = inline ?? argv[++i];
    if (!value || value.startsWith('--')) return `${flag} needs a value`;
    if (key) return 'give exactly one of --user, --session, --conversation';
    key = { [KEYS[flag as keyof typeof KEYS]]: value } as CustomerKey;
  }
  return key ? { key, rest } : 'give one of --user, --session, --conversation';
}

async function openBlobs(options: ServerOptions): Promise<BlobStore> {
  if (options.databaseUrl)
    return createPgBlobStore({
      connectionString: options.databaseUrl,
      ...(options.databaseSchema ? { schema: options.databaseSchema } : {}),
    });
  return createLocalBlobStore(path.join(options.dataDir ?? '.data', 'uploads'));
}

async function runErase(argv: string[], io: CliIo): Promise<number> {
  const parsed = keyOf(argv);
  if (typeof parsed === 'string') {
    io.err(`support-chat-server erase: ${parsed}\n${USAGE}`);
    return 2;
  }
  let options: ServerOptions;
  try {
    options = readSettings(parsed.rest, io.env).options;
  } catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    io.err(`support-chat-server erase: ${e.message}\n${USAGE}`);
    return 2;
  }
  const store = await openStore(options);
  try {
    const blobs = await openBlobs(options);
    try {
      const report = await eraseCustomer({ store, blobs, now: () => Date.now() }, parsed.key, 'cli');
      io.out(`erased ${report.key}: ${countsLabel(report.counts)}; ${report.blobsRemoved} files removed\n`);
      if (report.blobErrors) io.err(`${report.blobErrors} files could not be removed\n`);
      return report.blobErrors ? 1 : 0;
    } finally {
      await blobs.close();
    }
  } finally {
    await store.close();
  }
}

/** This area's subcommands by name. */
export const GOVERNANCE_COMMANDS: Readonly<Record<string, CliCommand>> = {
  erase: { help: "erase one customer's data: --user ID | --session ID | --conversation ID", run: runErase },
};
