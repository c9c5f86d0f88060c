/**
 * A fault-server backend of two reference-server processes (`server/main.ts`) on one real
 * PostgreSQL: each new WebSocket and each HTTP request goes to the next live process (round robin,
 * as a balancer spreads them), so a reconnect or the next poll may land on the other process. The
 * `restart` fault kills process A with SIGKILL (no drain, nothing flushed); from then on everything
 * goes to B, until `bothUp()` (before the next schedule) starts a new A on the same database (not
 * during the schedule's settling: a process starting takes a core). The ledgers read PostgreSQL.
 * @module
 */
import pg from 'pg';
import { addOperatorAccount, killServerProcesses, type ServerProcess, startServerProcess } from '../helpers/server-process';
import { ONE_ADDRESS_FLAGS } from '../transports/two-processes-target';
import type { FaultBackend } from './fault-server';
import type { AcceptedRecord } from './server-ledger';

/**
 * Server heartbeat of the processes: a socket is dropped after two missed pongs. Longer than the
 * in-process fault server's (there the client and server stall together; here a busy test process
 * would look dead to a healthy server).
 */
const HEARTBEAT_MS = 1000;

/** The backend, plus what a test needs to watch the other side. */
export interface ProcessBackend extends FaultBackend {
  /** Process B: never killed (an operator console stays there). */
  readonly b: ServerProcess;
  /** SIGKILLs of A so far. */
  readonly kills: number;
  /** Warnings and errors the processes logged so far. */
  problems(): string[];
  /** Starts a new A if it was killed. */
  bothUp(): Promise<void>;
}

/** Starts A and B on `databaseUrl` (schema `schema`), with a supervisor account `name` for watching. */
export async function startProcessBackend(databaseUrl: string, schema: string, supervisor: string): Promise<ProcessBackend> {
  const args = ['--bot-delay-ms', '0', '--heartbeat-ms', String(HEARTBEAT_MS), ...ONE_ADDRESS_FLAGS];
  // Side by side: the migrator's advisory lock lets one process migrate while the other waits.
  const [first, b] = await Promise.all([
    startServerProcess('A', databaseUrl, schema, { args }),
    startServerProcess('B', databaseUrl, schema, { args }),
  ]);
  let a: ServerProcess | null = first;
  await addOperatorAccount(databaseUrl, schema, supervisor, 'supervisor');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, options: `-c search_path=${schema}` });
  let turn = 0;
  let kills = 0;
  const target = (p: ServerProcess) => ({ port: Number(new URL(p.url).port), wsUrl: p.wsUrl });
  return {
    b,
    get kills() {
      return kills;
    },
    problems: () => [...(a?.problems ?? []), ...b.problems].slice(-10),
    async bothUp() {
      if (!a) a = await startServerProcess('A', databaseUrl, schema, { args });
    },
    next() {
      const live = a ? [a, b] : [b];
      return target(live[turn++ % live.length]!);
    },
    async restart() {
      const dead = a;
      if (!dead) return; // killed already in this schedule
      a = null;
      kills++;
      const exited = new Promise((r) => dead.child.once('exit', r));
      dead.child.kill('SIGKILL');
      await exited;
    },
    async accepted(): Promise<AcceptedRecord[]> {
      const { rows } = await pool.query<{ conversation_id: string; client_id: string; id: string; seq: number }>(
        'SELECT conversation_id, client_id, id, seq FROM messages WHERE client_id IS NOT NULL ORDER BY conversation_id, seq',
      );
      return rows.map((r) => ({ dataDir: schema, conversationId: r.conversation_id, clientId: r.client_id, id: r.id, seq: Number(r.seq) }));
    },
    async historyIds(conversationId) {
      const { rows } = await pool.query<{ id: string }>('SELECT id FROM messages WHERE conversation_id = $1 ORDER BY seq', [
        conversationId,
      ]);
      return rows.map((r) => r.id);
    },
    async close() {
      await pool.end();
      killServerProcesses(); // a new A still starting too
    },
  };
}
