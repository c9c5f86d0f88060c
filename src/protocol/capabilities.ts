/**
 * Capabilities: the SWP/1 defaults and the validator of what a server or transport announces.
 * @module
 */
import type { Capabilities } from '../core/model';
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
  return out;
}
