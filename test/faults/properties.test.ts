// Property-based reliability tests (reliability guide §3.6): seeded fault schedules against the real
// reference server behind the fault proxy, over the WebSocket and the HTTP transports. After the
// faults clear and a settle period: every message the user sent is accepted exactly once and shown
// exactly once, in send order on both sides; the client equals the server's history; nothing stays
// unsent; after destroy() no socket, pending request or SDK timer is left.
//
// Env: FAULT_RUNS (schedules per transport, default 150), FAULT_SEED (first seed; run i uses
// FAULT_SEED + i), FAULT_LANES (fault servers per transport running schedules side by side).
// A failure prints its seed and the one-line command that replays exactly that schedule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer } from './fault-server';
import { FAULT_HEARTBEAT_MS, type TransportKind } from './harness';
import { checkSeed } from './property-run';
import { scheduleArb } from './schedule';
import { trackSdkTimers, type TimerTracker } from './timer-tracker';

const RUNS = Number(process.env.FAULT_RUNS ?? 150);
const BASE_SEED = Number(process.env.FAULT_SEED ?? 20_240_601);
const LANES = Math.max(1, Math.min(RUNS, Number(process.env.FAULT_LANES ?? 3)));

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
            await checkSeed(
              {
                kind,
                faults,
                timers,
                schedules: scheduleArb(kind),
                replay: `FAULT_SEED={seed} FAULT_RUNS=1 npx vitest run test/faults/properties.test.ts -t ${kind}`,
              },
              seed,
            );
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
