/**
 * Validators for SWP/1 payload pieces (participants, messages, actions, errors). Each returns the
 * cleaned value, or `undefined` when the input cannot be used. Unknown extra fields are dropped so
 * nothing untrusted is spread into SDK state.
 * @module
 */
import type {
  Action,
  AttachmentRef,
  Availability,
  ConversationState,
  HandoffState,
  Participant,
  Part,
  TransportErrorCode,
  VerificationChallenge,
} from '../../core/model';
import type { WireError, WireMessage } from './frames';
import { isRecord } from './json';

const ROLES = new Set(['user', 'bot', 'agent', 'system']);
const ACTION_KINDS = new Set(['reply', 'postback', 'url', 'handoff']);
const CONVERSATION_STATES = new Set(['open', 'queued', 'closed']);
const HANDOFF_STATES = new Set(['none', 'requested', 'verification_required', 'queued', 'accepted', 'rejected', 'offline']);
const CHALLENGE_METHODS = new Set(['sms_otp', 'email_otp', 'custom']);
const ERROR_CODES = new Set<string>([
  'network', 'auth', 'expired', 'forbidden', 'rate_limited', 'not_found', 'closed', 'invalid',
  'too_large', 'unsupported_type', 'server', 'unsupported', 'timeout',
]);

/** A string, or undefined. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** A finite number, or undefined. */
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
/** A non-negative integer, or undefined. */
export const seqOf = (v: unknown): number | undefined => (Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : undefined);

/** Copies only the optional string fields listed. */
function optionalStrings<K extends string>(source: Record<string, unknown>, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const k of keys) {
    const v = str(source[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

export function participant(v: unknown): Participant | undefined {
  if (!isRecord(v) || typeof v.id !== 'string' || typeof v.role !== 'string' || !ROLES.has(v.role)) return undefined;
  return { id: v.id, role: v.role as Participant['role'], ...optionalStrings(v, ['name', 'avatarUrl'] as const) };
}

export function action(v: unknown): Action | undefined {
  if (!isRecord(v) || typeof v.kind !== 'string' || !ACTION_KINDS.has(v.kind)) return undefined;
  const id = str(v.id);
  const label = str(v.label);
  const value = str(v.value);
  if (id === undefined || label === undefined || value === undefined) return undefined;
  return { id, label, kind: v.kind as Action['kind'], value };
}

function actions(v: unknown): Action[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.map(action).filter((a): a is Action => a !== undefined);
}

export function attachment(v: unknown): AttachmentRef | undefined {
  if (!isRecord(v)) return undefined;
  const id = str(v.id);
  const name = str(v.name);
  const mimeType = str(v.mimeType);
  const size = num(v.size);
  if (id === undefined || name === undefined || mimeType === undefined || size === undefined) return undefined;
  return { id, name, mimeType, size, ...optionalStrings(v, ['url', 'thumbnailUrl'] as const) };
}

export function part(v: unknown): Part | undefined {
  if (!isRecord(v)) return undefined;
  switch (v.kind) {
    case 'text':
      return typeof v.text === 'string' ? { kind: 'text', text: v.text } : undefined;
    case 'attachment': {
      const a = attachment(v.attachment);
      return a ? { kind: 'attachment', attachment: a } : undefined;
    }
    case 'card': {
      const acts = actions(v.actions);
      return {
        kind: 'card',
        ...optionalStrings(v, ['title', 'subtitle', 'text', 'imageUrl'] as const),
        ...(acts ? { actions: acts } : {}),
      };
    }
    case 'custom':
      return typeof v.type === 'string' ? { kind: 'custom', type: v.type, data: v.data } : undefined;
    default:
      return undefined;
  }
}

/** A wire message, or undefined when a required field is missing. Unknown parts are dropped. */
export function wireMessage(v: unknown): WireMessage | undefined {
  if (!isRecord(v)) return undefined;
  const id = str(v.id);
  const conversationId = str(v.conversationId);
  const seq = seqOf(v.seq);
  const from = participant(v.from);
  const createdAt = str(v.createdAt);
  if (id === undefined || conversationId === undefined || seq === undefined || !from || createdAt === undefined) return undefined;
  if (!Array.isArray(v.parts)) return undefined;
  const parts = v.parts.map(part).filter((p): p is Part => p !== undefined);
  const quickReplies = actions(v.quickReplies);
  const act = action(v.action);
  const clientId = str(v.clientId);
  return {
    id,
    conversationId,
    seq,
    from,
    parts,
    createdAt,
    ...(clientId !== undefined ? { clientId } : {}),
    ...(quickReplies && quickReplies.length ? { quickReplies } : {}),
    ...(act ? { action: act } : {}),
  };
}

export function conversationState(v: unknown): ConversationState | undefined {
  return typeof v === 'string' && CONVERSATION_STATES.has(v) ? (v as ConversationState) : undefined;
}

export function handoffState(v: unknown): HandoffState | undefined {
  return typeof v === 'string' && HANDOFF_STATES.has(v) ? (v as HandoffState) : undefined;
}

export function challenge(v: unknown): VerificationChallenge | undefined {
  if (!isRecord(v) || typeof v.id !== 'string' || typeof v.method !== 'string' || !CHALLENGE_METHODS.has(v.method)) return undefined;
  const codeLength = num(v.codeLength);
  const attemptsLeft = num(v.attemptsLeft);
  return {
    id: v.id,
    method: v.method as VerificationChallenge['method'],
    ...optionalStrings(v, ['prompt', 'destinationHint', 'expiresAt'] as const),
    ...(codeLength !== undefined ? { codeLength } : {}),
    ...(attemptsLeft !== undefined ? { attemptsLeft } : {}),
  };
}

export function availability(v: unknown): Availability | undefined {
  if (!isRecord(v) || typeof v.operatorsOnline !== 'boolean') return undefined;
  const replyTimeSeconds = num(v.replyTimeSeconds);
  return {
    operatorsOnline: v.operatorsOnline,
    ...optionalStrings(v, ['nextOpenAt'] as const),
    ...(replyTimeSeconds !== undefined ? { replyTimeSeconds } : {}),
  };
}

/** Queue position: a number, or null when unknown. */
export function queuePosition(v: unknown): number | null | undefined {
  if (v === null) return null;
  return num(v);
}

export function errorCode(v: unknown): TransportErrorCode {
  return typeof v === 'string' && ERROR_CODES.has(v) ? (v as TransportErrorCode) : 'server';
}

/** A wire error; tolerant: missing pieces get safe defaults. */
export function wireError(v: unknown): WireError {
  const r = isRecord(v) ? v : {};
  const code = errorCode(r.code);
  const retryAfterMs = num(r.retryAfterMs);
  return {
    code,
    message: str(r.message) ?? code,
    retryable: typeof r.retryable === 'boolean' ? r.retryable : code === 'network' || code === 'server' || code === 'rate_limited' || code === 'timeout',
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}
