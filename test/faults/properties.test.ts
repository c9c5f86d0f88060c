// Property-based reliability tests (reliability guide §3.6): seeded fault schedules against the real
// reference server behind the fault proxy, over the WebSocket and the HTTP transports. After the
// faults clear and a settle period: every message the user sent is accepted exactly once and shown
// exactly once, in send order on both sides; the client equals the server's history; nothing stays
// unsent; after destroy() no socket, pending request or SDK timer is left.
//
// Env: FAULT_RUNS (schedules per transport, default 150), FAULT_SEED (first seed; run i uses
// FAULT_SEED + i), FAULT_LANES (fault servers per transport running schedules side by side).
// A failure prints its seed and the one-line command that replays exactly that schedule.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer } from './fault-server';
import { ChatDriver, FAULT_HEARTBEAT_MS, type TransportKind } from './harness';
import { play, scheduleArb, type Step } from './schedule';
import { trackSdkTimers, type TimerTracker } from './timer-tracker';

const RUNS = Number(process.env.FAULT_RUNS ?? 150);
const BASE_SEED = Number(process.env.FAULT_SEED ?? 20_240_601);
const LANES = Math.max(1, Math.min(RUNS, Number(process.env.FAULT_LANES ?? 3)));
const SETTLE_MS = 15_000;

let timers: TimerTracker;
beforeAll(() => {
  timers = trackSdkTimers();
});
afterAll(() => timers.uninstall());

describe.concurrent.each(['websocket', 'http'] as const)('fault schedules over the %s transport', (kind: TransportKind) => {
  const lanes: FaultServer[] = [];
  beforeAll(async () => {
    for (let i = 0; i < LANES; i++) lanes.push(await startFaultServer({ server: { heartbeatMs: FAULT_HEARTBEAT_MS } }));
  });
  afterAll(async () => {
    await Promise.all(lanes.map((f) => f.close()));
  });

  it(
    `${RUNS} seeded schedules keep every message exactly once, in order, converged`,
    async () => {
      let next = 0;
      let failure: Error | undefined;
      const started = Date.now();
      const lane = async (faults: FaultServer) => {
        while (!failure && next < RUNS) {
          const seed = (BASE_SEED + next++) | 0;
          try {
            await checkSeed(kind, faults, seed);
          } catch (error) {
            failure ??= error as Error;
          }
        }
      };
      await Promise.all(lanes.map(lane));
      if (failure) throw failure;
      console.info(`[faults] ${kind}: ${RUNS} schedules in ${((Date.now() - started) / 1000).toFixed(1)} s (${LANES} lanes)`);
      expect(next).toBe(RUNS);
    },
    20 * 60_000,
  );
});

/** Runs the schedule fast-check draws for `seed`; throws with the replay command on a violation. */
async function checkSeed(kind: TransportKind, faults: FaultServer, seed: number): Promise<void> {
  const replay = `FAULT_SEED=${seed} FAULT_RUNS=1 npx vitest run test/faults/properties.test.ts -t ${kind}`;
  try {
    await fc.assert(
      fc.asyncProperty(scheduleArb(kind), async (steps: Step[]) => {
        const problems = await runOnce(kind, faults, seed, steps);
        if (problems.length) throw new Error(`${problems.join('\n')}\nschedule: ${JSON.stringify(steps)}`);
      }),
      { seed, numRuns: 1, endOnFailure: true },
    );
  } catch (error) {
    const cause = (error as Error).cause;
    const detail = cause instanceof Error ? cause.message : String(cause ?? (error as Error).message);
    throw new Error(`fault schedule failed (${kind}, seed ${seed})\nreplay: ${replay}\n${detail}`);
  }
}

async function runOnce(kind: TransportKind, faults: FaultServer, seed: number, steps: Step[]): Promise<string[]> {
  faults.clear();
  faults.reseed(seed);
  faults.resetLedger();
  const driver = new ChatDriver(kind, faults, timers);
  await driver.open();
  try {
    await play(steps, driver, faults);
  } finally {
    faults.clear();
  }
  // The conversation goes on after the faults: a lost event at the very end of the stream is only
  // noticed (as a seq gap) when a later one arrives; see the report on tail gaps.
  driver.send('after the faults');
  await driver.settle(SETTLE_MS);
  const problems = driver.violations();
  await driver.destroy();
  for (const p of driver.problems) if (!problems.includes(p)) problems.push(p);
  if (problems.length) problems.push(`ledger (faulted traffic):\n  ${faultedTraffic(faults).join('\n  ')}`);
  return problems;
}

/** The frames and exchanges a fault touched, for failure reports. */
function faultedTraffic(faults: FaultServer): string[] {
  const t0 = faults.ledger.frames[0]?.at ?? faults.ledger.http[0]?.at ?? 0;
  const frames = faults.ledger.frames
    .filter((f) => f.fate !== 'forwarded' || f.copies > 1)
    .map(
      (f) =>
        `+${f.at - t0}ms link ${f.link} ${f.dir} ${f.t}${f.seq !== undefined ? ` #${f.seq}` : ''} ${f.fate}${f.copies > 1 ? ' ×2' : ''}`,
    );
  const http = faults.ledger.http.map((h) => `+${h.at - t0}ms ${h.method} ${h.path} → ${h.status}${h.fault ? ` (${h.fault})` : ''}`);
  return [...frames, ...http];
}
