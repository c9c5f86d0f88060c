/**
 * Need-to-know (issue 10 item 2): an operator sees the queue and their own conversations — not
 * another operator's in `active`, nor its events, nor its transcript (view or export); a preview
 * of a waiting conversation is allowed and audited; supervisors see everything and read the audit
 * log, which operators cannot.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import type { AuditRecord } from '../../server/db/governance-store';
import { connectOperator, type OperatorClient, OperatorRequestError } from '../helpers/operator-client';
import { Customer, testServer } from './customer';

let server: RunningServer | undefined;
const clients: Array<{ disconnect(): Promise<void> } | Customer> = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await (c instanceof Customer ? c.close() : c.disconnect());
  await server?.close();
  server = undefined;
});

let n = 0;
/** A customer waiting for a person. */
async function waiting(s: RunningServer): Promise<{ c: Customer; id: string }> {
  const { c, welcome } = await Customer.connect(s);
  clients.push(c);
  expect((await c.request({ t: 'handoff.request', conversationId: welcome.conversationId })).t).toBe('ack');
  return { c, id: welcome.conversationId };
}
const say = (c: Customer, conversationId: string, text: string) => c.request({ t: 'send', conversationId, clientId: `k${++n}`, text });
const said = (text: string) => (f: { t: string }) => JSON.stringify(f).includes(text);
const eventsOf = (op: OperatorClient, conversationId: string) =>
  op.events.filter((f) => (f.t === 'event' || f.t === 'typing') && f.conversationId === conversationId);

async function sign(name: string, role: 'operator' | 'supervisor'): Promise<OperatorClient> {
  const op = await connectOperator(server!.url, name, { role });
  clients.push(op);
  return op;
}

async function auditLog(sup: OperatorClient, filter: Record<string, unknown> = {}): Promise<AuditRecord[]> {
  return ((await sup.command({ t: 'audit.list', limit: 200, ...filter })) as unknown as { entries: AuditRecord[] }).entries;
}

const exportAs = (op: OperatorClient, id: string) =>
  fetch(`${server!.url}/swp/v1/operator/conversations/${id}/transcript?format=txt`, {
    headers: { Authorization: `Bearer ${op.uploadToken}` },
  });

describe('need-to-know', () => {
  it("an operator sees neither another operator's conversation in active, nor its events, nor its transcript; a supervisor sees all", async () => {
    server = await testServer({ verification: false });
    const anna = await sign('Anna', 'operator');
    const boris = await sign('Boris', 'operator');
    const sup = await sign('Sofia', 'supervisor');
    const a = await waiting(server);
    const b = await waiting(server);
    await anna.waitForQueue((q) => q.waiting.length === 2);
    await anna.accept(a.id);
    await boris.accept(b.id);

    const activeOf = (op: OperatorClient) => op.queue.active.map((i) => i.conversationId).sort();
    await sup.waitForQueue((q) => q.active.length === 2);
    await anna.waitForQueue((q) => q.active.length === 1 && q.waiting.length === 0);
    await boris.waitForQueue((q) => q.active.length === 1 && q.waiting.length === 0);
    expect(activeOf(anna)).toEqual([a.id]);
    expect(activeOf(boris)).toEqual([b.id]);
    expect(activeOf(sup)).toEqual([a.id, b.id].sort());

    // Boris's customer writes, then Anna's: Anna's console gets her own customer's line and nothing of Boris's.
    b.c.raw(JSON.stringify({ t: 'typing', conversationId: b.id, on: true }));
    await boris.waitFor((f) => f.t === 'typing' && f.conversationId === b.id);
    await say(b.c, b.id, 'my card number is for Boris only');
    await say(a.c, a.id, 'hello Anna');
    await boris.waitFor(said('for Boris only'));
    await sup.waitFor(said('for Boris only'));
    await sup.waitFor(said('hello Anna'));
    await anna.waitFor(said('hello Anna'));
    expect(eventsOf(anna, b.id)).toEqual([]);
    expect(eventsOf(boris, a.id)).toEqual([]);

    // Nor its transcript: view and export are refused; the holder and a supervisor get them.
    await expect(anna.view(b.id)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await exportAs(anna, b.id)).status).toBe(403);
    expect((await exportAs(boris, b.id)).status).toBe(200);
    expect((await exportAs(sup, b.id)).status).toBe(200);
    expect((await sup.view(b.id)).messages.map((m) => JSON.stringify(m.parts)).join()).toContain('for Boris only');

    // Each of those steps is in the audit log.
    const log = await auditLog(sup);
    const steps = log.map((e) => `${e.actorName}:${e.action}:${e.conversationId === a.id ? 'a' : e.conversationId === b.id ? 'b' : '-'}`);
    expect(steps).toEqual(expect.arrayContaining(['Anna:accept:a', 'Boris:accept:b', 'Boris:export:b', 'Sofia:export:b', 'Sofia:view:b']));
    expect(steps).not.toContain('Anna:export:b');
    expect(log.find((e) => e.action === 'export' && e.actorName === 'Boris')).toMatchObject({
      actorRole: 'operator',
      detail: 'format txt',
    });
    expect(JSON.stringify(log)).not.toContain('for Boris only');
  });

  it('a preview of a waiting conversation is allowed, audited, and carries its feed only while it waits', async () => {
    server = await testServer({ verification: false });
    const anna = await sign('Anna', 'operator');
    const boris = await sign('Boris', 'operator');
    const sup = await sign('Sofia', 'supervisor');
    const mine = await waiting(server);
    const other = await waiting(server);
    await anna.waitForQueue((q) => q.waiting.length === 2);
    await anna.accept(mine.id);

    const detail = await anna.view(other.id);
    expect(detail.conversation.id).toBe(other.id);
    await say(other.c, other.id, 'are you there');
    await anna.waitFor(said('are you there'));

    // Boris takes it: Anna's preview ends (no more of its feed; view refused).
    await boris.accept(other.id);
    await say(other.c, other.id, 'thanks Boris');
    await boris.waitFor(said('thanks Boris'));
    await say(mine.c, mine.id, 'marker for Anna');
    await anna.waitFor(said('marker for Anna'));
    expect(anna.events.some(said('thanks Boris'))).toBe(false);
    await expect(anna.view(other.id)).rejects.toMatchObject({ code: 'forbidden' });

    await anna.close(mine.id);
    // Her sign-in is audited too (action `login`); what she did with conversations, newest first:
    const log = (await auditLog(sup, { actor: anna.operator.id })).filter((e) => e.action !== 'login');
    expect(log.map((e) => e.action)).toEqual(['close', 'preview', 'accept']);
    expect(log[1]).toMatchObject({ conversationId: other.id, actorName: 'Anna', userKey: expect.stringMatching(/^s:/) });
    // The operator who closed it may still read what they handled.
    expect((await exportAs(anna, mine.id)).status).toBe(200);
  });

  it('the audit log is for supervisors: paged newest first, exported as CSV (audited); operators are refused', async () => {
    server = await testServer({ verification: false });
    const anna = await sign('Anna', 'operator');
    const sup = await sign('Sofia', 'supervisor');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await waiting(server)).id);
    await anna.waitForQueue((q) => q.waiting.length === 3);
    for (const id of ids) await anna.view(id);

    for (const t of ['audit.list', 'audit.export'])
      await expect(anna.command({ t, limit: 10 })).rejects.toEqual(new OperatorRequestError('forbidden', 'supervisors only'));
    await expect(anna.command({ t: 'gov.erase', conversationId: ids[0] })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(sup.command({ t: 'audit.list', limit: 0 })).rejects.toMatchObject({ code: 'invalid' });

    const page1 = (await sup.command({ t: 'audit.list', limit: 2, action: 'preview' })) as unknown as {
      entries: AuditRecord[];
      next: number;
    };
    expect(page1.entries.map((e) => e.conversationId)).toEqual([ids[2], ids[1]]);
    const page2 = (await sup.command({ t: 'audit.list', limit: 2, action: 'preview', before: page1.next })) as unknown as {
      entries: AuditRecord[];
      next?: number;
    };
    expect(page2.entries.map((e) => e.conversationId)).toEqual([ids[0]]);
    expect(page2.next).toBeUndefined();

    const exp = (await sup.command({ t: 'audit.export', actor: anna.operator.id, action: 'preview' })) as unknown as {
      csv: string;
      count: number;
    };
    expect(exp.count).toBe(3);
    const lines = exp.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,actor_id,actor_name,actor_role,action,conversation_id,user_key,detail');
    expect(lines.slice(1).map((l) => l.split(',')[5])).toEqual(['preview', 'preview', 'preview']);
    expect(lines[1]).toContain(`,${anna.operator.id},Anna,operator,preview,${ids[2]},`);
    const [last] = await auditLog(sup, { limit: 1 });
    expect(last).toMatchObject({
      action: 'audit_export',
      actorName: 'Sofia',
      actorRole: 'supervisor',
      detail: expect.stringContaining('3 entries'),
    });
  });
});
