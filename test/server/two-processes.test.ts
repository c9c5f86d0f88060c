/**
 * Two reference-server processes on one real PostgreSQL: a customer on process A, an operator on
 * process B, the bot on whichever process got the message; then A is killed with SIGKILL
 * mid-conversation and the customer resumes on B. Every acknowledged message arrives exactly
 * once, in seq order, on both sides; a send that was cut off is re-sent with its client id and
 * stored once; a file uploaded through one process is served by the other; operators on either
 * count on both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOperator, type OperatorClient } from '../helpers/operator-client';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres';
import { addOperatorAccount, asServer, killServerProcesses, startServerProcess } from '../helpers/server-process';
import { Customer, until } from './customer';

const missing = postgresMissing();
let pgServer: TestPostgres | undefined;
const SCHEMA = 'two_proc';
const startProcess = (name: string) => startServerProcess(name, pgServer!.url, SCHEMA);
const addOperator = (name: string, role: 'operator' | 'supervisor' = 'operator') => addOperatorAccount(pgServer!.url, SCHEMA, name, role);

const texts = (c: Customer) =>
  c
    .events()
    .filter((f) => f.event.type === 'message')
    .map((f) => (f.event as { message: { parts: Array<{ text?: string }> } }).message.parts[0]?.text);

if (missing && process.env.CI) {
  it('PostgreSQL is installed (required in CI)', () => {
    throw new Error(missing);
  });
} else if (missing) {
  console.warn(`two-processes: skipped: ${missing}`);
  describe.skip('two processes', () => {});
} else {
  beforeAll(async () => {
    pgServer = await startPostgres();
  }, 60_000);
  afterAll(() => {
    killServerProcesses();
    pgServer?.stop();
  });

  describe('two server processes sharing PostgreSQL', () => {
    it('customer on A, operator on B; A is killed -9 and the customer resumes on B: exactly once, in order', async () => {
      // One after the other: both would migrate the same empty schema (the advisory lock makes that safe too).
      const a = await startProcess('A');
      const b = await startProcess('B');
      // Accounts live in the shared database: made once, they sign in on either process.
      await addOperator('anna', 'supervisor');
      await addOperator('boris');
      const { c, welcome } = await Customer.connect(asServer(a));
      const conversationId = welcome.conversationId;
      // A supervisor: an operator would see the conversation's events only once it waits for a person.
      const op: OperatorClient = await connectOperator(b.url, 'anna');

      // Presence is shared: an operator on A counts on B (queue counts and ETAs follow).
      const opA: OperatorClient = await connectOperator(a.url, 'boris');
      await op.waitForQueue((q) => q.operatorsOnline === 2, 10_000);
      await opA.disconnect();
      await op.waitForQueue((q) => q.operatorsOnline === 1, 10_000);

      // The bot answers on A; B's operator console sees every event of the conversation.
      const send = (cust: Customer, clientId: string, text: string) => cust.request({ t: 'send', conversationId, clientId, text }, 10_000);
      expect((await send(c, 'k1', 'hello from A')).t).toBe('ack');
      await op.waitFor((f) => f.t === 'event' && JSON.stringify(f).includes('hello from A'), 10_000);

      // Handoff on A; queue on B; accept on B reaches the customer on A.
      expect((await c.request({ t: 'handoff.request', conversationId }, 10_000)).t).toBe('ack');
      await op.waitForQueue((q) => q.waiting.some((w) => w.conversationId === conversationId), 10_000);
      await op.accept(conversationId);
      await c.waitFor((f) => f.t === 'event' && f.event.type === 'participant', 10_000);
      for (let i = 1; i <= 5; i++) await op.send(conversationId, `operator ${i}`);
      await until(() => texts(c).includes('operator 5'), 10_000);

      // A file uploaded through A is served by B (the bytes are in the database, not A's disk).
      const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
      const form = new FormData();
      form.append('file', new Blob([PNG], { type: 'image/png' }), 'receipt.png');
      const up = await fetch(`${a.url}/swp/v1/uploads`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${welcome.sessionToken}` },
      });
      expect(up.status).toBe(201);
      const ref = (await up.json()) as { url: string };
      const fromB = await fetch(`${b.url}${new URL(ref.url).pathname}`);
      expect(fromB.status).toBe(200);
      expect(Buffer.from(await fromB.arrayBuffer()).equals(PNG)).toBe(true);

      // A dies mid-conversation: one send is in flight, unacknowledged.
      c.raw(JSON.stringify({ t: 'send', id: 'cut', conversationId, clientId: 'k-cut', text: 'sent as A died' }));
      a.child.kill('SIGKILL');
      await c.closed;
      const before = c.events();
      const last = before.at(-1)!.seq;

      // Meanwhile B goes on.
      await op.send(conversationId, 'while you were away');

      // The customer resumes on B and re-sends what was not acknowledged, with the same client id.
      const { c: c2, welcome: w2 } = await Customer.connect(asServer(b), {
        token: welcome.sessionToken,
        resume: { conversationId, cursor: String(last) },
      });
      expect(w2.resumed).toBe(true);
      expect((await send(c2, 'k-cut', 'sent as A died')).t).toBe('ack');
      expect((await send(c2, 'k-cut', 'sent as A died')).t).toBe('ack'); // a second retry changes nothing
      await op.send(conversationId, 'welcome back');
      await until(() => texts(c2).includes('welcome back'), 10_000);

      // Customer side: seqs strictly increasing across both connections, no gap, no double.
      const seqs = [...before, ...c2.events()].map((f) => f.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      const all = [...texts(c), ...texts(c2)];
      expect(all.filter((t) => t === 'sent as A died').length).toBeLessThanOrEqual(1);
      expect(all.filter((t) => t === 'while you were away')).toHaveLength(1);
      expect(all.indexOf('operator 5')).toBeLessThan(all.indexOf('while you were away'));

      // Operator side (B all along): each customer message exactly once, in seq order.
      await op.waitFor((f) => f.t === 'event' && JSON.stringify(f).includes('sent as A died'), 10_000);
      const opEvents = op.events.filter(
        (f): f is Extract<typeof f, { t: 'event' }> => f.t === 'event' && f.conversationId === conversationId,
      );
      const opSeqs = opEvents.map((f) => f.seq);
      expect(opSeqs).toEqual([...opSeqs].sort((x, y) => x - y));
      expect(new Set(opSeqs).size).toBe(opSeqs.length);
      expect(opEvents.filter((f) => JSON.stringify(f).includes('sent as A died'))).toHaveLength(1);
      const detail = await op.view(conversationId);
      expect(JSON.stringify(detail.messages).split('sent as A died').length - 1).toBe(1);

      await c2.close();
      await op.disconnect();
    }, 120_000);
  });
}
