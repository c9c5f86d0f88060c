/** `capabilities.verificationPolicy`: read beside the boolean `verification`, never instead of it. */
import { describe, expect, it } from 'vitest';
import { checkCapabilities } from '../../src/protocol/capabilities';

const policy = { codeLength: 6, ttlSeconds: 300, resendAfterSeconds: 30, maxAttempts: 5, maxCodesPerHour: 5, resend: true };

describe('verificationPolicy capability', () => {
  it('keeps the boolean verification and reads the policy beside it', () => {
    expect(checkCapabilities({ verification: true })).toEqual({ verification: true });
    expect(checkCapabilities({ verification: true, verificationPolicy: { ...policy, fallback: 'queue' } })).toEqual({
      verification: true,
      verificationPolicy: { ...policy, fallback: 'queue' },
    });
  });

  it('ignores a partial or wrong policy, and a phone fallback without a usable number', () => {
    expect(checkCapabilities({ verificationPolicy: { ...policy, maxAttempts: 'five' } })).toEqual({});
    expect(checkCapabilities({ verificationPolicy: { codeLength: 6 } })).toEqual({});
    expect(checkCapabilities({ verificationPolicy: true })).toEqual({});
    expect(
      checkCapabilities({ verificationPolicy: { ...policy, fallback: 'phone', phone: 'javascript:alert(1)' } }).verificationPolicy,
    ).toEqual({
      ...policy,
      fallback: 'none',
    });
    expect(
      checkCapabilities({ verificationPolicy: { ...policy, fallback: 'phone', phone: '+44 20 7946 0000' } }).verificationPolicy,
    ).toMatchObject({
      fallback: 'phone',
      phone: '+44 20 7946 0000',
    });
    expect(checkCapabilities({ verificationPolicy: { ...policy, fallback: 'teleport' } }).verificationPolicy!.fallback).toBe('none');
  });
});
