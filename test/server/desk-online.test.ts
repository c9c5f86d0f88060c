/** Who is online (server/desk/people.ts): names of this process's operators, a count of the others'. */
import { describe, expect, it } from 'vitest';
import { onlineOperators } from '../../server/desk/people';

describe('who is online', () => {
  it('one entry per account with its number of consoles; operators of other processes as a count', () => {
    const anna = { id: 'op_a', name: 'Anna', role: 'operator' as const };
    const sue = { id: 'op_s', name: 'Sue', role: 'supervisor' as const };
    // Anna has two tabs; the presence of every process counts 4 distinct operators.
    expect(onlineOperators([sue, anna, anna], 4)).toEqual({
      operators: [
        { id: 'op_a', name: 'Anna', role: 'operator', consoles: 2 },
        { id: 'op_s', name: 'Sue', role: 'supervisor', consoles: 1 },
      ],
      remote: 2,
    });
    expect(onlineOperators([], 0)).toEqual({ operators: [], remote: 0 });
  });
});
