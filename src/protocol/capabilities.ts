/**
 * Capabilities: the SWP/1 defaults and the validator of what a server or transport announces.
 * @module
 */
import type { Capabilities, VerificationPolicy } from '../core/model';
import { HANDOFF_MODES, HISTORY_MODES, isOneOf } from './enums';
import { wireChannel } from './conversations';
import { isRecord } from './json';

/** Capabilities an SWP/1 server is assumed to have until its `welcome` (which is authoritative) arrives. */
export const SWP_DEFAULT_CAPABILITIES: Capabilities = {
  realtime: true,
  history: 'backward',
  attachments: false,
  typing: { inbound: true, outbound: true },
  readReceipts: { inbound: true, outbound: true },
  quickReplies: true,
  cards: true,
  humanHandoff: 'native',
  verification: true,
  queuePosition: true,
  closeConversation: true,
  rating: true,
  idempotentSend: true,
  cardMasking: false,
  leaveMessage: false,
};

const FLAGS = [
  'realtime',
  'quickReplies',
  'cards',
  'verification',
  'queuePosition',
  'closeConversation',
  'rating',
  'idempotentSend',
  'cardMasking',
  'richText',
  'queueLeave',
  'handoffPreview',
  'leaveMessage',
] as const;
const PAIRS = ['typing', 'readReceipts'] as const;

/** Keeps only capability fields of the right type (a partial update never fails as a whole). */
export function checkCapabilities(raw: unknown): Partial<Capabilities> {
  if (!isRecord(raw)) return {};
  const out: Partial<Capabilities> = {};
  for (const k of FLAGS) if (typeof raw[k] === 'boolean') out[k] = raw[k] as boolean;
  if (isOneOf(HISTORY_MODES, raw.history)) out.history = raw.history;
  if (isOneOf(HANDOFF_MODES, raw.humanHandoff)) out.humanHandoff = raw.humanHandoff;
  for (const k of PAIRS) {
    const pair = raw[k];
    if (isRecord(pair) && typeof pair.inbound === 'boolean' && typeof pair.outbound === 'boolean') {
      out[k] = { inbound: pair.inbound, outbound: pair.outbound };
    }
  }
  const phone = raw.emergencyPhone;
  if (typeof phone === 'string' && /^\+?[\d\s().-]{3,30}$/.test(phone)) out.emergencyPhone = phone.trim();
  const c = raw.conversations;
  if (c === false) out.conversations = false;
  else if (isRecord(c) && Array.isArray(c.channels)) {
    const channels = c.channels.flatMap((ch) => {
      const r = wireChannel(ch, 'channel');
      return r.ok ? [r.value] : [];
    });
    out.conversations = { channels };
  }
  const a = raw.attachments;
  if (a === false) out.attachments = false;
  else if (isRecord(a)) {
    const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
    const accept = Array.isArray(a.accept) ? a.accept.filter((x): x is string => typeof x === 'string') : [];
    if (finite(a.maxBytes) && finite(a.maxFiles)) out.attachments = { maxBytes: a.maxBytes, maxFiles: a.maxFiles, accept };
  }
  const policy = verificationPolicy(raw.verificationPolicy);
  if (policy) out.verificationPolicy = policy;
  return out;
}

const FALLBACKS = ['none', 'phone', 'queue'] as const;
const LIMITS = ['codeLength', 'ttlSeconds', 'resendAfterSeconds', 'maxAttempts', 'maxCodesPerHour'] as const;

/** The code step's rules, when every limit is a non-negative integer (a partial policy is ignored). */
function verificationPolicy(p: unknown): VerificationPolicy | undefined {
  if (!isRecord(p)) return undefined;
  const limits: Partial<Record<(typeof LIMITS)[number], number>> = {};
  for (const k of LIMITS) {
    const v = p[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return undefined;
    limits[k] = v;
  }
  const phone = typeof p.phone === 'string' && /^[+\d][\d ()-]{2,30}$/.test(p.phone) ? p.phone : undefined;
  const fallback = isOneOf(FALLBACKS, p.fallback) && (p.fallback !== 'phone' || phone) ? p.fallback : 'none';
  return {
    ...(limits as Record<(typeof LIMITS)[number], number>),
    resend: p.resend === true,
    fallback,
    ...(fallback === 'phone' && phone ? { phone } : {}),
  };
}
