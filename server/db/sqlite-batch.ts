/**
 * Group commit for the SQLite engine: the writes asked for during one event-loop turn are queued
 * and run together at the end of the turn (`setImmediate`) in one transaction, one
 * `BEGIN IMMEDIATE` … `COMMIT` for all of them; each write's promise settles only after that commit.
 * So an ack sent after `await store.appendMessage(…)` is still a durable promise, and a turn of a
 * thousand sends costs one commit instead of a thousand.
 *
 * - Between turns no transaction is open: reads (and the parts' own statements) see committed data
 *   only, never a write that might still fail.
 * - Each write runs in its own savepoint: one that throws (an unknown conversation, a constraint)
 *   fails alone and leaves the others in the batch.
 * - When the batch itself fails (BEGIN or COMMIT refused: a full disk, I/O, another process
 *   holding the file too long), it is rolled back whole and every write of it fails: none is half
 *   stored, none acked; clients retry with their client ids.
 * @module
 */
import type Database from 'better-sqlite3';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Queues writes and commits each turn's writes in one transaction. */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  /** Transactions committed (for tests and the bench). */
  commits = 0;

  private readonly sql: Record<'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'undo', Database.Statement>;

  constructor(private readonly db: Database.Database) {
    const p = (text: string) => db.prepare(text);
    this.sql = {
      begin: p('BEGIN IMMEDIATE'),
      commit: p('COMMIT'),
      rollback: p('ROLLBACK'),
      savepoint: p('SAVEPOINT w'),
      release: p('RELEASE w'),
      undo: p('ROLLBACK TO w'),
    };
  }

  /** Runs `work` in this turn's transaction; settles after its commit. */
  write<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Settles once every write queued so far is committed (at once when none is queued). */
  settled(): Promise<void> {
    return this.queue.length === 0 ? Promise.resolve() : this.write(() => undefined).then(() => undefined);
  }

  /** Runs and commits everything queued now (also called before the database closes). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    const results: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.sql.begin.run();
      for (const p of batch) results.push(this.runOne(p.work));
      this.sql.commit.run();
      this.commits++;
    } catch (error) {
      if (this.db.inTransaction) this.sql.rollback.run();
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const r = results[i]!;
      if (r.ok) p.resolve(r.value);
      else p.reject(r.error);
    });
  }

  /** One write in a savepoint of its own; a failure that ended the whole transaction fails the batch. */
  private runOne(work: () => unknown): { ok: true; value: unknown } | { ok: false; error: unknown } {
    this.sql.savepoint.run();
    try {
      const value = work();
      this.sql.release.run();
      return { ok: true, value };
    } catch (error) {
      if (!this.db.inTransaction) throw error;
      this.sql.undo.run();
      this.sql.release.run();
      return { ok: false, error };
    }
  }
}
