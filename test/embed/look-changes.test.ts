/**
 * What the framework wrappers pass to update() between two renders: only the updatable options
 * whose values changed (an inline object literal with the same content is no change), never an
 * engine option.
 */
import { describe, expect, it } from 'vitest';
import { identityChange, lookChanges } from '../../src/embed/look-changes';
import { createMemoryTransport } from '../../src/transports/memory';

describe('lookChanges', () => {
  const transport = () => createMemoryTransport();
  it('is null for a render with the same look, even with new object literals and a new factory', () => {
    expect(
      lookChanges(
        { transport, title: 'Help', offset: { x: 1 } },
        { transport: () => createMemoryTransport(), title: 'Help', offset: { x: 1 } },
      ),
    ).toBeNull();
  });
  it('names the changed and removed look options only, never engine options', () => {
    expect(
      lookChanges(
        { transport, title: 'Help', locale: 'en', offset: { x: 1 }, user: { id: 'a' } },
        { transport, title: 'Billing', offset: { x: 2 }, user: { id: 'b' }, id: 'other' },
      ),
    ).toEqual({ title: 'Billing', locale: undefined, offset: { x: 2 } });
  });

  it('identityChange: a new signed user gives identify() its arguments; the same user, or no signature, nothing', () => {
    const signed = { id: 'bob', name: 'Bob', hash: 'h', hashExpires: 99, segment: 'private' as const };
    expect(identityChange({ transport }, { transport, user: signed })).toEqual([
      { id: 'bob', name: 'Bob' },
      { hash: 'h', expires: 99 },
    ]);
    expect(identityChange({ transport, user: { id: 'alice' } }, { transport, user: signed })?.[0].id).toBe('bob');
    expect(identityChange({ transport, user: signed }, { transport, user: { ...signed, hash: 'fresh' } })).toBeNull();
    expect(identityChange({ transport }, { transport, user: { id: 'bob' } })).toBeNull();
    expect(identityChange({ transport, user: signed }, { transport })).toBeNull();
  });
});
