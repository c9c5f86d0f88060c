/**
 * The fault properties (properties.test.ts) against two reference-server processes on one real
 * PostgreSQL: every WebSocket and HTTP request of the client goes to the next live process, and
 * each schedule has, besides its seeded faults (drops, duplicates, delays, reorders, resets…), a
 * kill -9 of process A at a seeded moment: the client reconnects to B. After the faults: every
 * message the user sent is stored exactly once and shown exactly once, in send order, converged
 * with PostgreSQL's history; and a supervisor's console on B got every stored message of the
 * conversation exactly once, in seq order. Without PostgreSQL: one line (a failing test under CI).
 *
 * Env: FAULT2_RUNS (schedules per transport, default 2), FAULT2_SEED (first seed).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireMessage } from '../../src/protocol/frames';
import { onPostgres } from '../helpers/on-postgres';
import { connectOperator, type OperatorClient } from '../helpers/operator-client';
import { startFaultServer, type FaultServer } from './fault-server';
import { type ChatDriver, eventually, type TransportKind } from './harness';
import { startProcessBackend, type ProcessBackend } from './process-backend';
import { checkSeed } from './property-run';
import { scheduleArb, type Step, WINDOW_MS } from './schedule';
import { trackSdkTimers, type TimerTracker } from './timer-tracker';

const RUNS = Number(process.env.FAULT2_RUNS ?? 2);
const BASE_SEED = Number(process.env.FAULT2_SEED ?? 20_261_201);
/**
 * Longer than the in-process runs' 15 s: over HTTP, a long-poll that gets no answer is only given up
 * by the client after its timeout (`pollWaitSeconds` + 10 s), and the leases of the session's
 * long-poll allowance held by a killed process lapse 30 s after it died (README "Limits"). Seen:
 * the last event reaching an HTTP client 15–20 s after a kill, once with no request for 11 s.
 */
const SETTLE_MS = 40_000;

/** A seeded schedule with a kill -9 of process A somewhere in its window. */
const withKill = (kind: TransportKind): fc.Arbitrary<Step[]> =>
  fc
    .tuple(scheduleArb(kind), fc.integer({ min: 0, max: WINDOW_MS }))
    .map(([steps, atMs]) =>
      [...steps, { atMs, do: 'fault' as const, fault: { kind: 'restart' as const, forgetSessions: false }, durationMs: 0 }].sort(
        (x, y) => x.atMs - y.atMs,
      ),
    );

/** The supervisor's view of a conversation: its message events in arrival order, and every event's seq. */
function consoleView(op: OperatorClient, conversationId: string): { messages: WireMessage[]; seqs: number[] } {
  const events = op.events.flatMap((f) => (f.t === 'event' && f.conversationId === conversationId ? [f] : []));
  return {
    messages: events.flatMap((f) => (f.event.type === 'message' ? [f.event.message] : [])),
    seqs: events.map((f) => f.seq),
  };
}

/** The operator's side: every stored message exactly once, in seq order. */
async function operatorSide(op: OperatorClient, faults: FaultServer, d: ChatDriver, logs: () => string[]): Promise<string[]> {
  const id = d.conversationId!;
  const stored = await faults.readHistoryIds(id);
  const same = () =>
    consoleView(op, id)
      .messages.map((m) => m.id)
      .join() === stored.join();
  const out: string[] = [];
  if (!(await eventually(same, 10_000, 50))) {
    const seen = consoleView(op, id).messages.map((m) => `${m.id.slice(0, 14)}#${m.seq}`);
    const last = op.events.slice(-5).map((f) => f.t);
    out.push(
      `operator console ≠ server history\n  console: ${seen.join(' ')}\n  server: ${stored.map((s) => s.slice(0, 14)).join(' ')}\n  console frames: ${op.events.length}, last: ${last.join(' ')}`,
    );
  }
  const { seqs, messages } = consoleView(op, id);
  if (out.length > 0) out.push(`client cursor ${d.chat.transport.snapshot().cursor}, live links ${faults.stats.liveLinks}`, ...logs());
  if (seqs.some((s, i) => i > 0 && s <= seqs[i - 1]!)) out.push(`operator console got seqs out of order or twice: ${seqs.join(',')}`);
  for (const clientId of d.sent) {
    const n = messages.filter((m) => m.clientId === clientId).length;
    if (n !== 1) out.push(`${clientId} reached the operator console ${n} times`);
  }
  return out;
}

onPostgres('properties-two-processes', (db) => {
  describe('fault schedules with a kill -9 against two server processes on PostgreSQL', () => {
    let timers: TimerTracker;
    let backend: ProcessBackend;
    let faults: FaultServer;
    beforeAll(async () => {
      timers = trackSdkTimers();
      backend = await startProcessBackend(db.url(), db.schema('faults2'), 'watcher');
      faults = await startFaultServer({ backend });
    }, 120_000);
    afterAll(async () => {
      timers?.uninstall();
      await faults?.close();
    });

    it.each(['websocket', 'http'] as const)(
      `${RUNS} seeded schedules over the %s transport: exactly once, in order, on both sides`,
      async (kind) => {
        const killsBefore = backend.kills;
        for (let i = 0; i < RUNS; i++) {
          await backend.bothUp();
          // A supervisor's console on B for this schedule (it sees every conversation's events).
          const op = await connectOperator(backend.b.url, 'watcher', { role: 'supervisor' });
          await checkSeed(
            {
              kind,
              faults,
              timers,
              schedules: withKill(kind),
              replay: `FAULT2_SEED={seed} FAULT2_RUNS=1 npx vitest run test/faults/properties-two-processes.test.ts -t ${kind}`,
              settleMs: SETTLE_MS,
              also: (d) => operatorSide(op, faults, d, () => backend.problems()),
            },
            (BASE_SEED + i) | 0,
          ).finally(() => op.disconnect());
        }
        expect(backend.kills - killsBefore).toBeGreaterThanOrEqual(RUNS);
      },
      5 * 60_000,
    );
  });
});
