/**
 * The desk commands over the real operator WebSocket (issue 10 item 7): queue rows tell customers
 * apart (preview, unread), search stays within what an operator may see, canned replies are the
 * supervisors' and pushed to every console, internal notes never reach the customer (WebSocket or
 * HTTP), transfer to an online operator or back to the queue, the customer's past conversations,
 * who is online.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import type { Bot, BotOutput } from '../../server/bot-types';
import type { DeskResultFrame } from '../../server/operator-protocol/desk';
import type { ServerFrame } from '../../src/transports/swp/frames';
import { connectOperator, type OperatorClient, OperatorRequestError } from '../helpers/operator-client';
import { Customer, testServer } from './customer';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** "person" hands off; anything else is echoed. */
function testBot(): Bot {
  const say = (text: string) => ({ parts: [{ kind: 'text' as const, text }] });
  return {
    start: (): BotOutput => ({ messages: [say('Hello!')], state: {} }),
    reply(_ctx, state, input): BotOutput {
      const text = input.text ?? '';
      if (/person/i.test(text)) return { messages: [say('Connecting you.')], state, handoff: { reason: 'user_request' } };
      return { messages: [say('Noted.')], state };
    },
  };
}

const logs: string[] = [];
const start = async () =>
  (server = await testServer({
    bot: testBot(),
    operatorHours: 'always',
    verification: false,
    logLevel: 'info',
    logWriter: (l) => logs.push(l),
  }));
let n = 0;
const say = (c: Customer, conversationId: string, text: string) => c.request({ t: 'send', conversationId, clientId: `k${++n}`, text });
const queued = (f: ServerFrame) => f.t === 'event' && f.event.type === 'handoff' && f.event.state === 'queued';

/** A customer who wrote `words` and asked for a person. */
async function waiting(s: RunningServer, words: string, hello: Record<string, unknown> = {}) {
  const { c, welcome } = await Customer.connect(s, hello);
  const id = welcome.conversationId;
  await say(c, id, words);
  await say(c, id, 'a person please');
  await c.waitFor(queued);
  return { c, id, token: welcome.sessionToken };
}

async function desk(op: OperatorClient, frame: Record<string, unknown>): Promise<DeskResultFrame> {
  const f = await op.request(frame);
  if (f.t !== 'desk.result') throw new Error(`expected desk.result, got ${f.t}`);
  return f;
}

describe('desk', () => {
  it('queue rows carry the last customer message, unread counts and the last customer seq', async () => {
    const s = await start();
    const a = await waiting(s, 'My card was declined');
    const b = await waiting(s, 'Where is my transfer?');
    const anna = await connectOperator(s.url, 'Anna');
    const q = await anna.waitForQueue((x) => x.waiting.length === 2);
    expect(q.waiting.map((i) => [i.customer.name, i.preview?.text, i.unread])).toEqual([
      [undefined, 'a person please', 0],
      [undefined, 'a person please', 0],
    ]);
    expect(q.waiting[0]!.lastCustomerSeq).toBeGreaterThan(0);
    await anna.accept(a.id);
    await say(a.c, a.id, 'Are you there?');
    await say(a.c, a.id, 'Hello?');
    // Customer messages push no queue (the console counts them from the events); every snapshot and view has the count.
    const item = (await anna.view(a.id)).item;
    expect([item.preview?.text, item.unread]).toEqual(['Hello?', 2]);
    await anna.read(a.id);
    expect((await anna.view(a.id)).item.unread).toBe(0);
    expect(b.id).not.toBe(a.id);
  });

  it('search: an operator finds waiting conversations and their own, a supervisor every one; plain-text snippets', async () => {
    const s = await start();
    const a = await waiting(s, 'My card was declined at the pharmacy <b>twice</b>');
    const b = await waiting(s, 'The pharmacy charged me twice');
    const anna = await connectOperator(s.url, 'Anna');
    const boris = await connectOperator(s.url, 'Boris');
    const sue = await connectOperator(s.url, 'Sue', { role: 'supervisor' });
    await boris.waitForQueue((x) => x.waiting.length === 2);
    await boris.accept(b.id);
    const annaHits = (await desk(anna, { t: 'desk.search', q: 'PHARM twice' })).results!;
    expect(annaHits.map((h) => h.conversationId)).toEqual([a.id]);
    expect(annaHits[0]).toMatchObject({ role: 'user', snippet: 'My card was declined at the pharmacy <b>twice</b>' });
    expect(new Date(annaHits[0]!.at).getTime()).toBeGreaterThan(0);
    expect((await desk(boris, { t: 'desk.search', q: 'pharmacy' })).results!.map((h) => h.conversationId).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    expect((await desk(sue, { t: 'desk.search', q: 'pharmacy' })).results).toHaveLength(2);
    await boris.close(b.id);
    expect((await desk(anna, { t: 'desk.search', q: 'pharmacy' })).results!.map((h) => h.conversationId)).toEqual([a.id]);
    expect((await desk(sue, { t: 'desk.search', q: 'pharmacy' })).results).toHaveLength(2);
    expect((await desk(sue, { t: 'desk.search', q: '"*) OR' })).results).toEqual([]);
    await desk(anna, { t: 'desk.search', q: 'zebracorn4711' });
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain('zebracorn4711'); // searches are audited by length, never by text
  });

  it('canned replies: only supervisors change them; every console that listed them gets the new list', async () => {
    const s = await start();
    const anna = await connectOperator(s.url, 'Anna');
    const sue = await connectOperator(s.url, 'Sue', { role: 'supervisor' });
    expect((await desk(anna, { t: 'desk.canned.list' })).canned).toEqual([]);
    const save = { t: 'desk.canned.save', shortcut: '/refund', title: 'Refund', body: 'Hello {name}, refunds take 5 days.' };
    await expect(anna.request(save)).rejects.toMatchObject({ code: 'forbidden' });
    const saved = (await desk(sue, save)).canned!;
    expect(saved).toMatchObject([{ shortcut: 'refund', title: 'Refund', body: 'Hello {name}, refunds take 5 days.', updatedBy: 'Sue' }]);
    await anna.waitFor((f) => f.t === 'desk.canned' && f.canned.length === 1);
    await expect(sue.request({ ...save, title: 'Again' })).rejects.toMatchObject({ code: 'invalid' });
    await desk(sue, { t: 'desk.canned.save', cannedId: saved[0]!.id, shortcut: 'refund', title: 'Refunds', body: 'Five days.' });
    await anna.waitFor((f) => f.t === 'desk.canned' && f.canned[0]?.title === 'Refunds');
    await expect(anna.request({ t: 'desk.canned.delete', cannedId: saved[0]!.id })).rejects.toBeInstanceOf(OperatorRequestError);
    await desk(sue, { t: 'desk.canned.delete', cannedId: saved[0]!.id });
    await anna.waitFor((f) => f.t === 'desk.canned' && f.canned.length === 0);
  });

  it('internal notes are staff-only: never over the customer WebSocket, history or long-poll', async () => {
    const s = await start();
    const a = await waiting(s, 'Card blocked');
    const anna = await connectOperator(s.url, 'Anna');
    await anna.waitForQueue((x) => x.waiting.length === 1);
    await anna.accept(a.id);
    const secret = 'INTERNAL-7731 customer sounded unsure, check card 4111 1111 1111 1111';
    const notes = (await desk(anna, { t: 'desk.note.add', conversationId: a.id, text: secret })).notes!;
    expect(notes).toMatchObject([{ conversationId: a.id, author: { name: 'Anna' } }]);
    expect(notes[0]!.text).toContain('INTERNAL-7731');
    expect(notes[0]!.text).not.toContain('4111 1111 1111 1111');
    await anna.send(a.id, 'Looking into it');
    await a.c.waitFor((f) => f.t === 'event' && JSON.stringify(f).includes('Looking into it'));
    const boris = await connectOperator(s.url, 'Boris');
    await expect(boris.request({ t: 'desk.notes', conversationId: a.id })).rejects.toMatchObject({ code: 'forbidden' });
    const headers = { Authorization: `Bearer ${a.token}` };
    const history = await (await fetch(`${s.url}/swp/v1/conversations/${a.id}/messages`, { headers })).text();
    const events = await (await fetch(`${s.url}/swp/v1/conversations/${a.id}/events?after=0`, { headers })).text();
    expect(history).toContain('Looking into it');
    for (const seen of [JSON.stringify(a.c.frames), history, events, logs.join('\n')]) expect(seen).not.toContain('INTERNAL-7731');
  });

  it('transfer: to an online operator (the customer sees who left and joined), to nobody offline, back to the queue', async () => {
    const s = await start();
    const a = await waiting(s, 'Card blocked');
    const anna = await connectOperator(s.url, 'Anna');
    const boris = await connectOperator(s.url, 'Boris');
    await anna.waitForQueue((x) => x.waiting.length === 1);
    await anna.accept(a.id);
    const online = await desk(anna, { t: 'desk.online' });
    expect(online.operators!.map((o) => o.name)).toEqual(['Anna', 'Boris']);
    expect(online.remoteOperators).toBe(0);
    await expect(boris.request({ t: 'desk.transfer', conversationId: a.id, to: anna.operator.id })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(anna.request({ t: 'desk.transfer', conversationId: a.id, to: 'op_nobody' })).rejects.toMatchObject({ code: 'invalid' });
    expect((await desk(anna, { t: 'desk.transfer', conversationId: a.id, to: boris.operator.id })).to).toEqual({
      id: boris.operator.id,
      name: 'Boris',
    });
    await boris.waitForQueue((x) => x.active.some((i) => i.conversationId === a.id && i.operator?.name === 'Boris'));
    const line = (text: string) => (f: ServerFrame) =>
      f.t === 'event' && f.event.type === 'message' && JSON.stringify(f.event.message.parts).includes(text);
    await a.c.waitFor(line('Anna left the chat'));
    await a.c.waitFor(line('Boris joined the chat'));
    await expect(anna.send(a.id, 'still mine?')).rejects.toMatchObject({ code: 'forbidden' });
    await boris.send(a.id, 'Boris here');
    await desk(boris, { t: 'desk.transfer', conversationId: a.id, to: null });
    const q = await anna.waitForQueue((x) => x.waiting.some((i) => i.conversationId === a.id));
    expect(q.active).toEqual([]);
    await anna.accept(a.id);
  });

  it("the customer's other conversations are listed and readable; another customer's are not", async () => {
    const s = await start();
    const first = await waiting(s, 'Old question about fees');
    const anna = await connectOperator(s.url, 'Anna');
    await anna.waitForQueue((x) => x.waiting.length === 1);
    await anna.accept(first.id);
    await anna.close(first.id);
    const again = await waiting(s, 'New question', { token: first.token, open: { new: true, channel: 'support' } });
    expect(again.id).not.toBe(first.id);
    const other = await waiting(s, 'Someone else');
    await anna.waitForQueue((x) => x.waiting.length === 2);
    const past = (await desk(anna, { t: 'desk.history', conversationId: again.id })).conversations!;
    expect(past).toMatchObject([{ conversationId: first.id, state: 'closed' }]);
    const read = (await desk(anna, { t: 'desk.past', conversationId: again.id, pastId: first.id })).messages!;
    expect(JSON.stringify(read)).toContain('Old question about fees');
    await expect(anna.request({ t: 'desk.past', conversationId: other.id, pastId: first.id })).rejects.toMatchObject({ code: 'not_found' });
  });
});
