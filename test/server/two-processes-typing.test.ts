/**
 * The bot's typing indicator across two reference-server processes on one real PostgreSQL: the
 * customer writes through a tab on process A (so the bot's reply is produced on A) and watches in
 * a second tab on process B. B's tab sees the bot start typing before its reply, and stop; when A
 * is killed with SIGKILL while its bot is still "typing", B stops the indicator itself once the
 * deadline A announced passes (A's bot delay plus a grace), rather than leaving it on.
 * Without PostgreSQL: one line saying so (a failing test under CI).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../src/protocol/frames';
import { onPostgres } from '../helpers/on-postgres';
import { asServer, killServerProcesses, type ServerProcess, startServerProcess } from '../helpers/server-process';
import { Customer } from './customer';

/** A's bot delay: long enough to kill A while its bot is typing. */
const BOT_DELAY_MS = 3000;
const WAIT = 20_000;

const botTyping = (on: boolean) => (f: ServerFrame) => f.t === 'typing' && f.from.role === 'bot' && f.on === on;
const botMessage = (f: ServerFrame) => f.t === 'event' && f.event.type === 'message' && f.event.message.from.role === 'bot';

onPostgres('two-processes-typing', (db) => {
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    const schema = db.schema('typing');
    [a, b] = await Promise.all([
      startServerProcess('A', db.url(), schema, { args: ['--bot-delay-ms', String(BOT_DELAY_MS)] }),
      startServerProcess('B', db.url(), schema, { args: ['--bot-delay-ms', '0'] }),
    ]);
    return () => killServerProcesses();
  }, 120_000);

  /** A customer's tab on A (greeted, quiet) and a second tab of the same session on B. */
  async function twoTabs(): Promise<{ onA: Customer; onB: Customer; conversationId: string }> {
    const { c: onA, welcome } = await Customer.connect(asServer(a));
    await onA.waitFor(botMessage, WAIT);
    await onA.waitFor(botTyping(false), WAIT);
    const cursor = String(onA.events().at(-1)!.seq);
    const { c: onB } = await Customer.connect(asServer(b), {
      token: welcome.sessionToken,
      resume: { conversationId: welcome.conversationId, cursor },
    });
    return { onA, onB, conversationId: welcome.conversationId };
  }

  describe('bot typing across two server processes', () => {
    it("the bot's reply is produced on A: the tab on B sees typing start before the reply, then stop", async () => {
      const { onA, onB, conversationId } = await twoTabs();
      expect((await onA.request({ t: 'send', conversationId, clientId: 'k-hello', text: 'hello' }, WAIT)).t).toBe('ack');
      const on = await onB.waitFor(botTyping(true), WAIT);
      const reply = await onB.waitFor(botMessage, WAIT);
      expect(onB.frames.indexOf(on)).toBeLessThan(onB.frames.indexOf(reply));
      await onB.waitFor((f) => botTyping(false)(f) && onB.frames.indexOf(f) > onB.frames.indexOf(on), WAIT);
      await onA.close();
      await onB.close();
    }, 60_000);

    it('A is killed -9 while its bot is typing: B stops the indicator at the deadline A announced', async () => {
      const { onA, onB, conversationId } = await twoTabs();
      expect((await onA.request({ t: 'send', conversationId, clientId: 'k-dying', text: 'are you there?' }, WAIT)).t).toBe('ack');
      const on = await onB.waitFor(botTyping(true), WAIT);
      a.child.kill('SIGKILL');
      await onA.closed;
      const off = await onB.waitFor((f) => botTyping(false)(f) && onB.frames.indexOf(f) > onB.frames.indexOf(on), WAIT);
      // A died before its bot replied: the stop came from B's deadline, with no reply after it.
      expect(onB.frames.slice(onB.frames.indexOf(on)).some(botMessage)).toBe(false);
      expect(off).toMatchObject({ conversationId, on: false, from: { role: 'bot' } });
      await onB.close();
    }, 60_000);
  });
});
