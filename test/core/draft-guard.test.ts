import { describe, expect, it } from 'vitest';
import { storableDraft } from '../../src/core/draft-guard';

describe('storableDraft: card numbers never rest in storage', () => {
  it.each([
    ['my card 4111 1111 1111 1111 was charged', 'my card •••• 1111 was charged'],
    ['4111-1111-1111-1111', '•••• 1111'],
    ['карта 2200700000000009, помогите', 'карта •••• 0009, помогите'],
  ])('masks %j', (draft, stored) => expect(storableDraft(draft)).toBe(stored));

  it.each([
    'order 1234567890123 (Luhn-invalid)',
    'call +44 20 7946 0958',
    'RUB 5,000.00',
    'account 40817810099910004312',
    'a 20-digit run 42424242424242424242',
  ])('keeps %j', (draft) => expect(storableDraft(draft)).toBe(draft));
});
