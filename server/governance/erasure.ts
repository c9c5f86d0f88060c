/**
 * Erasure of one customer's data (issue 10 item 6): by signed-in user id, session id, or a
 * conversation id (its customer). Deletes their sessions, conversations with messages, events,
 * ratings and contacts, their uploads with the files' bytes, and their verification records; the
 * audit log keeps an `erase` entry (who, which key, how many rows — never content). Used by the
 * supervisor command `gov.erase` and the CLI `support-chat-server erase`.
 * @module
 */
import type { BlobStore } from '../blobs/blob-store';
import type { ChatStore } from '../db/chat-store';
import type { ServerContext } from '../domain/context';
import type { CustomerKey, CustomerScope, PurgeCounts } from '../db/governance-store';
import { type AuditEntry, auditRecord } from './audit';

/** What erasure works with: the store, the blob store, the clock. */
export interface ErasureDeps {
  store: ChatStore;
  blobs: BlobStore;
  now(): number;
}

/** What an erasure did. */
export interface ErasureReport {
  /** The key, as `user <id>`, `session <id>` or `conversation <id>`. */
  key: string;
  counts: PurgeCounts;
  /** Files whose bytes were removed (the rest were already gone or failed, see `blobErrors`). */
  blobsRemoved: number;
  blobErrors: number;
  /** Who was erased (to disconnect their connections). */
  scope: CustomerScope;
}

/** The key in words (for the audit entry and the CLI). */
export function keyLabel(key: CustomerKey): string {
  if ('userId' in key) return `user ${key.userId}`;
  if ('sessionId' in key) return `session ${key.sessionId}`;
  return `conversation ${key.conversationId}`;
}

/** The counts in words, non-zero ones only (`2 conversations, 14 messages`). */
export function countsLabel(c: PurgeCounts): string {
  const parts = Object.entries(c)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`);
  return parts.length ? parts.join(', ') : 'nothing found';
}

/** Removes the bytes of deleted uploads; a failure is counted, the others still go. */
export async function removeBlobs(blobs: BlobStore, keys: string[]): Promise<{ removed: number; errors: number }> {
  let removed = 0;
  let errors = 0;
  for (const key of keys) {
    try {
      await blobs.remove(key);
      removed++;
    } catch {
      errors++;
    }
  }
  return { removed, errors };
}

/** Erases one customer's data and writes the `erase` audit entry. Erasing again finds nothing and is audited too. */
export async function eraseCustomer(deps: ErasureDeps, key: CustomerKey, actor: AuditEntry['actor']): Promise<ErasureReport> {
  const g = deps.store.governance;
  const scope = await g.customerScope(key);
  const { counts, blobKeys } = await g.eraseCustomer(scope);
  const { removed, errors } = await removeBlobs(deps.blobs, blobKeys);
  const label = keyLabel(key);
  const detail = `${label}: ${countsLabel(counts)}${errors ? ` (${errors} files not removed)` : ''}`;
  await g.appendAudit(
    auditRecord(
      {
        actor,
        action: 'erase',
        ...('conversationId' in key ? { conversationId: key.conversationId } : {}),
        ...(scope.userKeys[0] ? { userKey: scope.userKeys[0] } : {}),
        detail,
      },
      deps.now(),
    ),
  );
  return { key: label, counts, blobsRemoved: removed, blobErrors: errors, scope };
}

/** Ends the live connections of an erased customer (on every process) and refreshes the consoles' queues. */
export function disconnectErased(ctx: Pick<ServerContext, 'hub' | 'onQueueChange'>, scope: CustomerScope): void {
  for (const id of scope.conversationIds) {
    ctx.hub.publish(id, { t: 'error', error: { code: 'auth', message: 'this session was erased', retryable: false } });
  }
  ctx.onQueueChange();
}
