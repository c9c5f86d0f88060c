/**
 * The operator desk and the queue across two reference-server processes on one real PostgreSQL:
 * queue pushes reach the consoles of both processes whichever process changed the queue; each
 * waiting customer gets one position/ETA announcement per change (not one per process); a
 * conversation is transferred to an operator signed in on the other process (listed by name in
 * `desk.online`), who finds it under "In progress" and answers; canned-reply changes made on one
 * process are pushed to the consoles of the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../src/protocol/frames';
import type { DeskResultFrame } from '../../server/operator-protocol/desk';
import { connectOperator, type OperatorClient } from '../helpers/operator-client';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres';
import { addOperatorAccount, asServer, killServerProcesses, type ServerProcess, startServerProcess } from '../helpers/server-process';
import { Customer } from './customer';

const missing = postgresMissing();
const SCHEMA = 'two_desk';
const WAIT = 20_000;
let pgServer: TestPostgres | undefined;
let a: ServerProcess;
let b: ServerProcess;
/** anna (supervisor) and carla (operator) on A, boris (operator) on B. */
let anna: OperatorClient;
let carla: OperatorClient;
let boris: OperatorClient;

async function desk(op: OperatorClient, frame: Record<string, unknown>): Promise<DeskResultFrame> {
  const f = await op.request(frame);
  if (f.t !== 'desk.result') throw new Error(`expected desk.result, got ${f.t}`);
  return f;
}

const queueEvents = (c: Customer) =>
  c.events().flatMap((f) => (f.event.type === 'queue' ? [{ position: f.event.position, eta: f.event.etaSeconds ?? 0 }] : []));
const line = (text: string) => (f: ServerFrame) =>
  f.t === 'event' && f.event.type === 'message' && JSON.stringify(f.event.message.parts).includes(text);

/** A customer on `p` who asked for a person; resolves once they are told their first position. */
async function waiting(p: ServerProcess): Promise<{ c: Customer; id: string }> {
  const { c, welcome } = await Customer.connect(asServer(p));
  const id = welcome.conversationId;
  expect((await c.request({ t: 'handoff.request', conversationId: id }, WAIT)).t).toBe('ack');
  return { c, id };
}

/** Every event committed before this point has reached `c` (its own echo comes after them, in seq order). */
async function settled(c: Customer, id: string, text: string): Promise<void> {
  expect((await c.request({ t: 'send', conversationId: id, clientId: text, text }, WAIT)).t).toBe('ack');
  await c.waitFor(line(text), WAIT);
}

if (missing && process.env.CI) {
  it('PostgreSQL is installed (required in CI)', () => {
    throw new Error(missing);
  });
} else if (missing) {
  console.warn(`two-processes-desk: skipped: ${missing}`);
  describe.skip('the desk across two processes', () => {});
} else {
  beforeAll(async () => {
    pgServer = await startPostgres();
    a = await startServerProcess('A', pgServer.url, SCHEMA);
    b = await startServerProcess('B', pgServer.url, SCHEMA);
    await addOperatorAccount(pgServer.url, SCHEMA, 'anna', 'supervisor');
    await addOperatorAccount(pgServer.url, SCHEMA, 'boris');
    await addOperatorAccount(pgServer.url, SCHEMA, 'carla');
    anna = await connectOperator(a.url, 'anna');
    carla = await connectOperator(a.url, 'carla');
    boris = await connectOperator(b.url, 'boris');
    // Presence crosses the bus: three operators online as both processes count them (ETAs follow).
    for (const op of [anna, carla, boris]) await op.waitForQueue((q) => q.operatorsOnline === 3, WAIT);
  }, 120_000);
  afterAll(() => {
    killServerProcesses();
    pgServer?.stop();
  });

  describe('the operator desk and the queue across two server processes', () => {
    let first: { c: Customer; id: string };
    let second: { c: Customer; id: string };

    it('queue pushes reach consoles on both processes; one announcement per change, positions agreeing', async () => {
      first = await waiting(a);
      await boris.waitForQueue((q) => q.waiting.some((w) => w.conversationId === first.id), WAIT); // A's change, pushed on B
      await first.c.waitFor((f) => f.t === 'event' && f.event.type === 'queue', WAIT);
      second = await waiting(b);
      await anna.waitForQueue((q) => q.waiting.some((w) => w.conversationId === second.id), WAIT); // B's change, pushed on A
      await carla.waitForQueue((q) => q.waiting.map((w) => w.conversationId).join() === `${first.id},${second.id}`, WAIT);

      // B takes the first customer (on A): the second moves up once.
      await boris.accept(first.id);
      await anna.waitForQueue((q) => q.active.some((i) => i.conversationId === first.id), WAIT);
      await settled(first.c, first.id, 'first settled');
      await settled(second.c, second.id, 'second settled');
      // Both processes refreshed the queue (A on the first handoff, B on the second and the accept),
      // yet the first customer heard position 1 once, the second 2 and then 1.
      expect(queueEvents(first.c).map((e) => e.position)).toEqual([1]);
      expect(queueEvents(second.c).map((e) => e.position)).toEqual([2, 1]);
      expect(queueEvents(second.c)[1]!.eta).toBeLessThan(queueEvents(second.c)[0]!.eta);
    }, 120_000);

    it('transfer to an operator on the other process: listed by name, found under In progress, answers', async () => {
      const online = await desk(boris, { t: 'desk.online' });
      expect(online.operators!.map((o) => o.name).sort()).toEqual([anna.operator.name, boris.operator.name, carla.operator.name].sort());
      expect(online.remoteOperators).toBe(0);
      const to = await desk(boris, { t: 'desk.transfer', conversationId: first.id, to: carla.operator.id });
      expect(to.to).toEqual({ id: carla.operator.id, name: carla.operator.name });
      await carla.waitForQueue((q) => q.active.some((i) => i.conversationId === first.id && i.operator?.id === carla.operator.id), WAIT);
      await first.c.waitFor(line(`${boris.operator.name} left the chat`), WAIT);
      await first.c.waitFor(line(`${carla.operator.name} joined the chat`), WAIT);
      await carla.send(first.id, 'carla here, on process A');
      await first.c.waitFor(line('carla here, on process A'), WAIT);
    }, 120_000);

    it('canned replies saved on one process are pushed to consoles on the other', async () => {
      expect((await desk(boris, { t: 'desk.canned.list' })).canned).toEqual([]);
      const saved = await desk(anna, { t: 'desk.canned.save', shortcut: 'hours', title: 'Hours', body: 'We answer 9 to 18.' });
      const id = saved.canned!.find((r) => r.shortcut === 'hours')!.id;
      const has = (want: boolean) => (f: { t: string }) =>
        f.t === 'desk.canned' && (f as unknown as { canned: Array<{ id: string }> }).canned.some((r) => r.id === id) === want;
      await boris.waitFor(has(true), WAIT);
      await desk(anna, { t: 'desk.canned.delete', cannedId: id });
      await boris.waitFor((f) => has(false)(f) && boris.events.indexOf(f) > boris.events.findIndex(has(true)), WAIT);
      for (const c of [first.c, second.c]) await c.close();
      for (const op of [anna, boris, carla]) await op.disconnect();
    }, 120_000);
  });
}
