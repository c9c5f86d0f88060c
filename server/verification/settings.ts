/**
 * Settings of the code step (one-time codes before a person): limits with their defaults, the
 * sender and the "Didn't get a code?" fallback.
 * @module
 */
import type { CodeSender } from './code-sender';

/** The limits of the code step (also announced to clients in `capabilities.verificationPolicy`). */
export interface CodeLimits {
  /** Digits of a code. @default 6 */
  codeLength: number;
  /** A code's lifetime, seconds. @default 300 */
  ttlSeconds: number;
  /** Cooldown between two codes of one conversation, seconds. @default 30 */
  resendAfterSeconds: number;
  /** Wrong guesses a code takes before it is locked. @default 5 */
  maxAttempts: number;
  /** Codes issued per session per hour, and per user (`user_key`) per hour. @default 5 */
  maxCodesPerHour: number;
}

/** Limits the server keeps to itself (not announced). */
export interface HiddenCodeLimits {
  /** Codes per client address per hour, over all its sessions (0 = no cap; mind shared NATs). @default 30 */
  maxCodesPerAddressPerHour: number;
}

/** The server option `verificationPolicy`: any limit, plus the expiry sweep interval. */
export type VerificationOptions = Partial<CodeLimits & HiddenCodeLimits> & {
  /** How often pending codes are checked for expiry (the console then drops them), ms. @default 5000 */
  sweepMs?: number;
};

/** Resolved settings. */
export interface VerificationSettings {
  limits: CodeLimits;
  maxCodesPerAddressPerHour: number;
  sweepMs: number;
  sender: 'demo' | 'webhook' | CodeSender;
  webhook: { url: string; secret: string; timeoutMs: number } | undefined;
  fallback: 'none' | 'phone' | 'queue';
}

/** Defaults of every limit. */
export const CODE_LIMITS: CodeLimits = {
  codeLength: 6,
  ttlSeconds: 300,
  resendAfterSeconds: 30,
  maxAttempts: 5,
  maxCodesPerHour: 5,
};

const RANGES: Record<keyof CodeLimits, [number, number]> = {
  codeLength: [4, 10],
  ttlSeconds: [10, 3600],
  resendAfterSeconds: [0, 3600],
  maxAttempts: [1, 20],
  maxCodesPerHour: [1, 100],
};

/** Applies the defaults and checks the ranges (a wrong setting fails the start, loudly). */
export function resolveVerification(o: {
  verificationPolicy?: VerificationOptions;
  codeSender?: 'demo' | 'webhook' | CodeSender;
  codeWebhook?: { url: string; secret: string; timeoutMs?: number };
  verificationFallback?: 'none' | 'phone' | 'queue';
}): VerificationSettings {
  const limits: CodeLimits = { ...CODE_LIMITS };
  for (const key of Object.keys(RANGES) as Array<keyof CodeLimits>) {
    const v = checked(o.verificationPolicy?.[key], key, ...RANGES[key]);
    if (v !== undefined) limits[key] = v;
  }
  const sender = o.codeSender ?? 'demo';
  const w = o.codeWebhook;
  if (sender === 'webhook' && (!w?.url || !w.secret)) throw new Error('codeSender "webhook" needs codeWebhook.url and codeWebhook.secret');
  return {
    limits,
    maxCodesPerAddressPerHour: checked(o.verificationPolicy?.maxCodesPerAddressPerHour, 'maxCodesPerAddressPerHour', 0, 100_000) ?? 30,
    sweepMs: o.verificationPolicy?.sweepMs ?? 5000,
    sender,
    webhook: w ? { url: w.url, secret: w.secret, timeoutMs: w.timeoutMs ?? 5000 } : undefined,
    fallback: o.verificationFallback ?? 'none',
  };
}

function checked(v: number | undefined, key: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < min || v > max) throw new Error(`verificationPolicy.${key} must be an integer ${min}–${max}, got ${v}`);
  return v;
}
