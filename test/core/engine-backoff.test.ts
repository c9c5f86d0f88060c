import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/core/backoff';
import { backoffDelay as fromOutbox } from '../../src/core/outbox';

describe('core backoff', () => {
  it('full jitter under an exponential ceiling, between 500 ms and 30 s', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(1, () => 0.75)).toBe(1500);
    expect(backoffDelay(4, () => 0.5)).toBe(8000);
    expect(backoffDelay(40, () => 0.999999)).toBeLessThanOrEqual(30_000);
  });

  it('the outbox re-exports the same function', () => {
    expect(fromOutbox).toBe(backoffDelay);
  });
});
