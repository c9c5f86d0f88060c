// @vitest-environment happy-dom
/**
 * The code form: attempts exactly as the server says, no Confirm after the last attempt (a
 * lockout with the new-code countdown), the expiry countdown with threshold announcements,
 * "Send a new code" after the cooldown, and "Didn't get a code?" with the server's way out.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TransportError } from '../../src/core/errors';
import type { VerificationChallenge, VerificationPolicy } from '../../src/core/model';
import type { VerificationOutcome } from '../../src/core/transport';
import { createFakeTransport, FULL_CAPABILITIES } from './helpers/emulator';
import { mount, settle, type Mounted } from './helpers/mount';
import { clock, codeView, expiryThreshold } from '../../src/ui/panel/code/code-state';

let m: Mounted | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await m?.cleanup();
  m = undefined;
});

const POLICY: VerificationPolicy = {
  codeLength: 6,
  ttlSeconds: 300,
  resendAfterSeconds: 30,
  maxAttempts: 5,
  maxCodesPerHour: 5,
  resend: true,
  fallback: 'none',
};

const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();
const challenge = (over: Partial<VerificationChallenge> = {}): VerificationChallenge => ({
  id: 'ch1',
  method: 'sms_otp',
  codeLength: 6,
  attemptsLeft: 5,
  maxAttempts: 5,
  expiresAt: iso(300_000),
  resendAt: iso(30_000),
  ...over,
});

interface Backend {
  answers: VerificationOutcome[];
  resends: string[];
  skips: string[];
  resendImpl?: () => Promise<VerificationChallenge>;
}

async function codeForm(policy: Partial<VerificationPolicy> = {}, first = challenge()): Promise<Backend> {
  const transport = createFakeTransport({ ...FULL_CAPABILITIES, verificationPolicy: { ...POLICY, ...policy } });
  const backend: Backend = { answers: [], resends: [], skips: [] };
  Object.assign(transport, {
    submitVerification: async () => backend.answers.shift() ?? { result: 'ok' },
    resendVerification: async (id: string) => {
      backend.resends.push(id);
      return backend.resendImpl ? backend.resendImpl() : challenge({ id: `ch${backend.resends.length + 1}` });
    },
    skipVerification: async (id: string) => void backend.skips.push(id),
  });
  m = await mount({ transport });
  m.$<HTMLButtonElement>('.sc-launcher')!.click();
  await settle();
  transport.emit({ type: 'handoff', state: 'verification_required', challenge: first });
  await settle();
  return backend;
}

async function enter(code: string): Promise<void> {
  const input = m!.$<HTMLInputElement>('.sc-otp')!;
  input.value = code;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await settle();
  m!.$<HTMLFormElement>('.sc-verify')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  await settle(6);
}

const buttons = () => m!.$$<HTMLButtonElement>('.sc-verify button').map((b) => [b.textContent, b.disabled] as const);
const announced = () => m!.$('[role="status"]')!.textContent ?? '';

describe('code form', () => {
  it('shows the attempts the server counts, then a lockout without Confirm and a new-code countdown', async () => {
    const backend = await codeForm();
    backend.answers.push(
      { result: 'invalid', challenge: challenge({ attemptsLeft: 4 }) },
      { result: 'invalid', challenge: challenge({ attemptsLeft: 1 }) },
      { result: 'locked', challenge: challenge({ attemptsLeft: 0, resendAt: iso(25_000) }) },
    );
    await enter('111111');
    expect(m!.$('.sc-verify-error')!.textContent).toBe('Wrong code. 4 attempts left');
    await enter('222222');
    expect(m!.$('.sc-verify-error')!.textContent).toBe('Wrong code. 1 attempt left');
    await enter('333333');
    expect(m!.$('.sc-verify-error')!.textContent).toBe('Too many wrong codes: this code is locked.');
    expect(m!.$('.sc-otp')).toBeNull();
    expect(buttons().some(([label]) => label === 'Confirm')).toBe(false);
    const [label, disabled] = buttons()[0]!;
    expect(label).toMatch(/^New code in 00:2\d$/);
    expect(disabled).toBe(true);
    // Confirm is gone: focus moves to the lockout message, not to the page.
    expect(m!.root.activeElement).toBe(m!.$('#sc-verify-error'));
    await vi.waitFor(() => expect(announced()).toMatch(/this code is locked\. You can ask for a new code in 00:2\d/));
  });

  it('counts down to expiry every second and announces only the thresholds', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'Date'] });
    await codeForm({}, challenge({ expiresAt: iso(62_000) }));
    const timer = () => m!.$('.sc-verify-timer')!.textContent;
    expect(m!.$('.sc-verify-timer')!.getAttribute('role')).toBe('timer');
    expect(timer()).toBe('Code expires in 01:02');
    vi.advanceTimersByTime(1000);
    await settle();
    expect(timer()).toBe('Code expires in 01:01');
    vi.advanceTimersByTime(2000);
    await settle();
    expect(timer()).toBe('Code expires in 00:59');
    await vi.waitFor(() => expect(announced()).toBe('Code expires in 00:59'));
    vi.advanceTimersByTime(60_000);
    await settle();
    expect(m!.$('.sc-verify-error')!.textContent).toBe('The code has expired.');
    expect(m!.$('.sc-otp')).toBeNull();
    await vi.waitFor(() => expect(announced()).toMatch(/expired|new code now/));
  });

  it('resend waits for the cooldown, then replaces the code; a refusal is told', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'Date'] });
    const backend = await codeForm({}, challenge({ resendAt: iso(2_000) }));
    m!.$<HTMLElement>('.sc-code-help > summary')!.click();
    await settle();
    const resend = () => m!.$<HTMLButtonElement>('.sc-code-help .sc-code-resend')!;
    expect(resend().textContent).toBe('New code in 00:02');
    expect(resend().disabled).toBe(true);
    vi.advanceTimersByTime(2000);
    await settle();
    expect(resend().textContent).toBe('Send a new code');
    expect(resend().disabled).toBe(false);
    resend().click();
    await settle(6);
    expect(backend.resends).toEqual(['ch1']);
    expect(m!.chat.state.handoff.value.challenge!.id).toBe('ch2');
    expect(m!.root.activeElement).toBe(m!.$('#sc-otp'));
    await vi.waitFor(() => expect(announced()).toBe('We sent you a new code.'));

    backend.resendImpl = () => Promise.reject(new TransportError('t', 'rate_limited', 'too soon', { retryAfterMs: 40_000 }));
    m!.chat.state.handoff.value.challenge!.resendAt = iso(0);
    vi.advanceTimersByTime(30_000);
    await settle();
    resend().click();
    await settle(6);
    await vi.waitFor(() => expect(announced()).toBe('Please wait a little before asking for another code.'));
    expect(resend().textContent).toMatch(/^New code in 00:(39|40)$/);
  });

  it('"Didn\'t get a code?" offers the support line or a person without a code, as the server configures', async () => {
    await codeForm({ fallback: 'phone', phone: '+44 20 7946 0000' });
    const link = m!.$<HTMLAnchorElement>('.sc-code-help a')!;
    expect(link.getAttribute('href')).toBe('tel:+442079460000');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.textContent).toBe('Call us: +44 20 7946 0000');
    expect(m!.$('.sc-code-help summary')!.textContent).toBe("Didn't get a code?");
    await m!.cleanup();

    const backend = await codeForm({ fallback: 'queue' });
    const skip = m!.$$<HTMLButtonElement>('.sc-code-help button').find((b) => b.textContent === 'Continue without a code')!;
    skip.click();
    await settle(6);
    expect(backend.skips).toEqual(['ch1']);
  });

  it('without a policy (an older server, the emulator) it keeps the plain form: no disclosure, resend asks again', async () => {
    m = await mount();
    m.$<HTMLButtonElement>('.sc-launcher')!.click();
    await settle();
    m.transport.emit({ type: 'handoff', state: 'verification_required', challenge: { id: 'x', method: 'sms_otp' } });
    await settle();
    expect(m.$('.sc-code-help')).toBeNull();
    expect(m.$('.sc-verify-timer')).toBeNull();
  });
});

describe('code-state', () => {
  it('derives the phase, formats mm:ss and picks the thresholds', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    const c = { id: 'a', method: 'sms_otp' as const, attemptsLeft: 2, expiresAt: '2030-01-01T00:01:30Z', resendAt: '2030-01-01T00:00:10Z' };
    expect(codeView({ state: 'verification_required', challenge: c }, POLICY, now)).toEqual({
      phase: 'active',
      expiresInMs: 90_000,
      resendInMs: 10_000,
      attemptsLeft: 2,
      canResend: true,
    });
    expect(codeView({ state: 'verification_required', challenge: { ...c, attemptsLeft: 0 } }, undefined, now).phase).toBe('locked');
    expect(codeView({ state: 'verification_required', challenge: c }, POLICY, now + 90_000).phase).toBe('expired');
    expect(codeView({ state: 'verification_required', challenge: c, lastResult: 'expired' }, POLICY, now).phase).toBe('expired');
    expect([clock(0), clock(999), clock(61_000), clock(3_600_000)]).toEqual(['00:00', '00:01', '01:01', '60:00']);
    expect([expiryThreshold(61_000), expiryThreshold(60_000), expiryThreshold(29_000), expiryThreshold(0)]).toEqual([
      undefined,
      60,
      30,
      undefined,
    ]);
  });
});
