/** Operator passwords: scrypt with a per-account salt and the cost stored with the hash. */
import { describe, expect, it } from 'vitest';
import {
  generatePassword,
  hashPassword,
  needsRehash,
  passwordProblem,
  SCRYPT_COST,
  verifyDummy,
  verifyPassword,
} from '../../server/auth/password';

describe('operator passwords', () => {
  it('hash with a random salt and the cost stored; verify only the right password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(new RegExp(`^scrypt\\$${SCRYPT_COST.N}\\$8\\$1\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}$`));
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(await verifyDummy('anything')).toBe(false);
  });

  it('an older, cheaper hash still verifies and asks to be rehashed', async () => {
    const old = await hashPassword('an older password', { N: 2 ** 12, r: 8, p: 1 });
    expect(old.startsWith('scrypt$4096$8$1$')).toBe(true);
    expect(await verifyPassword('an older password', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('a current password'))).toBe(false);
  });

  it('needs at least 12 characters; generated ones are long and random', () => {
    expect(passwordProblem('short-pass1')).toMatch(/at least 12/);
    expect(passwordProblem('twelve-chars')).toBeUndefined();
    expect(passwordProblem('x'.repeat(1025))).toMatch(/at most/);
    const p = generatePassword();
    expect(p).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(generatePassword()).not.toBe(p);
  });
});
