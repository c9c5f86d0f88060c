/**
 * One seeded fault schedule, played and checked (reliability guide §3.6): shared by the property
 * tests against one in-process server (properties.test.ts) and against two server processes on
 * PostgreSQL (properties-two-processes.test.ts). A failure names its seed and the command that
 * replays exactly that schedule.
 * @module
 */
import fc from 'fast-check';
import type { FaultServer } from './fault-server';
import { ChatDriver, type TransportKind } from './harness';
import { play, type Step } from './schedule';
import type { TimerTracker } from './timer-tracker';

/** How long a client may take to converge after the faults. */
export const SETTLE_MS = 15_000;

/** What a run of the property is made of. */
export interface PropertyRun {
  kind: TransportKind;
  faults: FaultServer;
  timers: TimerTracker;
  /** The schedules fast-check draws. */
  schedules: fc.Arbitrary<Step[]>;
  /** The command that replays one seed (`{seed}` is replaced). */
  replay: string;
  /** How long the client may take to converge after the faults, ms (default {@link SETTLE_MS}). */
  settleMs?: number;
  /** More invariants, checked once the client converged (e.g. the operator's side); problems returned. */
  also?: (driver: ChatDriver) => Promise<string[]>;
}

/** Runs the schedule fast-check draws for `seed`; throws with the replay command on a violation. */
export async function checkSeed(run: PropertyRun, seed: number): Promise<void> {
  const replay = run.replay.replace('{seed}', String(seed));
  try {
    await fc.assert(
      fc.asyncProperty(run.schedules, async (steps: Step[]) => {
        const problems = await runOnce(run, seed, steps);
        if (problems.length) throw new Error(`${problems.join('\n')}\nschedule: ${JSON.stringify(steps)}`);
      }),
      { seed, numRuns: 1, endOnFailure: true },
    );
  } catch (error) {
    const cause = (error as Error).cause;
    const detail = cause instanceof Error ? cause.message : String(cause ?? (error as Error).message);
    throw new Error(`fault schedule failed (${run.kind}, seed ${seed})\nreplay: ${replay}\n${detail}`);
  }
}

async function runOnce(run: PropertyRun, seed: number, steps: Step[]): Promise<string[]> {
  const { faults } = run;
  faults.clear();
  faults.reseed(seed);
  faults.resetLedger();
  const driver = new ChatDriver(run.kind, faults, run.timers);
  await driver.open();
  try {
    await play(steps, driver, faults);
  } finally {
    faults.clear();
  }
  // The conversation goes on after the faults: a lost event at the very end of the stream is only
  // noticed (as a seq gap) when a later one arrives; see the report on tail gaps.
  driver.send('after the faults');
  await driver.settle(run.settleMs ?? SETTLE_MS);
  const problems = await driver.violations();
  // Checked even when the client did not converge: where the other side stands helps tell why.
  if (run.also) problems.push(...(await run.also(driver)));
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
