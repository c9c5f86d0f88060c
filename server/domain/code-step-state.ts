/**
 * Per-server state of the code step: the sender in use, the key codes are hashed with, the
 * pending codes the expiry sweep watches and the last address of each session.
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ChallengeRow } from '../db/rows';
import { type CodeSender, DemoCodeSender, WebhookCodeSender } from '../verification/code-sender';
import type { ServerContext } from './context';

/** Per-server state of the code step. */
export interface CodeStep {
  sender: CodeSender;
  /** The demo sender, when it is the one in use (its inbox feeds the demo console and test hooks). */
  demo: DemoCodeSender | undefined;
  key: Buffer;
  /** Pending challenges, for the expiry sweep: id → conversation and expiry. */
  pending: Map<string, { conversationId: string; expiresAt: number }>;
  sweeping: boolean;
  /** Last client address of each session (bounded), for the per-address cap. */
  remotes: Map<string, string>;
}

const steps = new WeakMap<ServerContext, CodeStep>();

/** The code step's state of a server (created on first use). */
export function step(ctx: ServerContext): CodeStep {
  let s = steps.get(ctx);
  if (!s) {
    const { sender, webhook } = ctx.config.codes;
    const demo = sender === 'demo' ? new DemoCodeSender(ctx.log) : undefined;
    const chosen = demo ?? (sender === 'webhook' ? new WebhookCodeSender(webhook!, ctx.log, ctx.config.now) : (sender as CodeSender));
    const key = createHmac('sha256', ctx.config.identitySecret).update('support-chat/one-time-codes').digest();
    s = { sender: chosen, demo, key, pending: new Map(), sweeping: false, remotes: new Map() };
    steps.set(ctx, s);
  }
  return s;
}

/** HMAC-SHA256 of a code, salted with its challenge id, hex. */
export function hashCode(ctx: ServerContext, challengeId: string, code: string): string {
  return createHmac('sha256', step(ctx).key).update(`${challengeId}:${code}`).digest('hex');
}

/** Whether `code` is the challenge's code (constant-time compare of the hashes). */
export function matches(ctx: ServerContext, c: ChallengeRow, code: string): boolean {
  const a = Buffer.from(hashCode(ctx, c.id, code), 'hex');
  const b = Buffer.from(c.codeHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
