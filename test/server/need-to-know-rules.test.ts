/** The need-to-know decisions (server/governance/need-to-know.ts) as a table: principal × conversation → answer. */
import { describe, expect, it } from 'vitest';
import type { ConversationFacts } from '../../server/governance/need-to-know';
import { isWaiting, mayExport, queueFor, seesLive, viewDecision } from '../../server/governance/need-to-know';
import type { QueueItem } from '../../server/operator-protocol';

const anna = { id: 'op_anna', role: 'operator' as const };
const sofia = { id: 'op_sofia', role: 'supervisor' as const };
const conv = (over: Partial<ConversationFacts>): ConversationFacts => ({
  id: 'c1',
  operatorId: null,
  handoff: 'none',
  state: 'open',
  ...over,
});

const queued = conv({ handoff: 'queued', state: 'queued' });
const verifying = conv({ handoff: 'verification_required' });
const nextShift = conv({ handoff: 'offline' });
const annas = conv({ handoff: 'accepted', operatorId: 'op_anna' });
const boriss = conv({ handoff: 'accepted', operatorId: 'op_boris' });
const withBot = conv({});
const closed = conv({ state: 'closed' });

describe('need-to-know rules', () => {
  it.each([
    ['waiting in the queue', queued, 'preview', 'view'],
    ['waiting for the code', verifying, 'preview', 'view'],
    ['left for the next shift', nextShift, 'preview', 'view'],
    ['held by this operator', annas, 'view', 'view'],
    ['held by another operator', boriss, 'forbidden', 'view'],
    ['with the bot only', withBot, 'forbidden', 'view'],
    ['closed, never held by this operator', closed, 'forbidden', 'view'],
  ] as const)('view of a conversation %s: operator %s, supervisor %s', (_name, c, operator, supervisor) => {
    expect(viewDecision(anna, c)).toBe(operator);
    expect(viewDecision(sofia, c)).toBe(supervisor);
    expect(mayExport(anna, c)).toBe(operator === 'view');
    expect(mayExport(sofia, c)).toBe(true);
  });

  it('one this operator held before (closed or handed back) stays readable to them, never one another holds', () => {
    expect(viewDecision(anna, closed, true)).toBe('view');
    expect(mayExport(anna, closed, true)).toBe(true);
    expect(viewDecision(anna, boriss, true)).toBe('forbidden');
    expect(isWaiting(closed)).toBe(false);
    expect(isWaiting(conv({ handoff: 'queued', operatorId: 'op_boris' }))).toBe(false);
  });

  it('the live feed: held, previewed while waiting, or held until the frame that ends it; supervisors all', () => {
    expect(seesLive(anna, annas, undefined, false)).toBe(true);
    expect(seesLive(anna, queued, 'c1', false)).toBe(true);
    expect(seesLive(anna, queued, 'c2', false)).toBe(false);
    expect(seesLive(anna, boriss, 'c1', true)).toBe(false);
    expect(seesLive(anna, closed, undefined, true)).toBe(true);
    expect(seesLive(anna, withBot, 'c1', false)).toBe(false);
    expect(seesLive(sofia, boriss, undefined, false)).toBe(true);
  });

  it('the queue: waiting and verifying for everyone, active only their own for operators', () => {
    const item = (id: string, operatorId?: string) =>
      ({ conversationId: id, ...(operatorId ? { operator: { id: operatorId, role: 'agent' } } : {}) }) as QueueItem;
    const q = { waiting: [item('w')], verifying: [item('v')], active: [item('a', 'op_anna'), item('b', 'op_boris')], operatorsOnline: 2 };
    expect(queueFor(anna, q)).toEqual({ ...q, active: [item('a', 'op_anna')] });
    expect(queueFor(sofia, q)).toBe(q);
  });
});
