/**
 * SQLite engine: decoding of raw rows (snake_case columns, JSON text, 0/1 booleans) into row types.
 * @module
 */
import type { ChallengeRow, ContactRow, ConversationPatch, ConversationRow, SessionRow, UploadRow } from './rows';

/** A row as better-sqlite3 returns it. */
export type Raw = Record<string, unknown>;

export const patchColumns: Record<keyof ConversationPatch, string> = {
  state: 'state',
  handoff: 'handoff',
  topic: 'topic',
  segment: 'segment',
  locale: 'locale',
  operatorId: 'operator_id',
  operatorName: 'operator_name',
  queuedAt: 'queued_at',
  readUpTo: 'read_up_to',
  userReadUpTo: 'user_read_up_to',
  botState: 'bot_state',
  sessionId: 'session_id',
  priority: 'priority',
  priorityReason: 'priority_reason',
  handoffNote: 'handoff_note',
  operatorAvatar: 'operator_avatar',
};

export function toSession(r: Raw): SessionRow {
  return {
    id: r.id as string,
    userKey: r.user_key as string,
    userId: (r.user_id as string | null) ?? null,
    verified: r.verified === 1,
    profile: JSON.parse(r.profile as string) as SessionRow['profile'],
    locale: r.locale as string,
    metadata: JSON.parse(r.metadata as string) as Record<string, string>,
    createdAt: r.created_at as number,
    lastSeenAt: r.last_seen_at as number,
    identityExpiresAt: (r.identity_expires_at as number | null | undefined) ?? null,
    revokedAt: (r.revoked_at as number | null | undefined) ?? null,
    revokedReason: (r.revoked_reason as SessionRow['revokedReason'] | undefined) ?? null,
  };
}

export function toConversation(r: Raw): ConversationRow {
  return {
    id: r.id as string,
    userKey: r.user_key as string,
    sessionId: r.session_id as string,
    state: r.state as ConversationRow['state'],
    handoff: r.handoff as ConversationRow['handoff'],
    topic: (r.topic as string | null) ?? null,
    segment: r.segment as ConversationRow['segment'],
    locale: r.locale as ConversationRow['locale'],
    operatorId: (r.operator_id as string | null) ?? null,
    operatorName: (r.operator_name as string | null) ?? null,
    queuedAt: (r.queued_at as number | null) ?? null,
    lastSeq: r.last_seq as number,
    readUpTo: r.read_up_to as number,
    userReadUpTo: r.user_read_up_to as number,
    channel: (r.channel as string | undefined) ?? 'support',
    botState: JSON.parse(r.bot_state as string) as ConversationRow['botState'],
    priority: r.priority === 'urgent' ? 'urgent' : 'normal',
    priorityReason: (r.priority_reason as string | null) ?? null,
    handoffNote: (r.handoff_note as string | null) ?? null,
    operatorAvatar: (r.operator_avatar as string | null) ?? null,
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
  };
}

export function toChallenge(r: Raw): ChallengeRow {
  return {
    id: r.id as string,
    conversationId: r.conversation_id as string,
    sessionId: r.session_id as string,
    userKey: r.user_key as string,
    remote: r.remote as string,
    destination: r.destination as string,
    codeHash: r.code_hash as string,
    attemptsLeft: r.attempts_left as number,
    expiresAt: r.expires_at as number,
    resendAt: r.resend_at as number,
    status: r.status as ChallengeRow['status'],
    createdAt: r.created_at as number,
  };
}

export function toUpload(r: Raw): UploadRow {
  return {
    id: r.id as string,
    owner: r.owner as string,
    name: r.name as string,
    mimeType: r.mime_type as string,
    size: r.size as number,
    createdAt: r.created_at as number,
  };
}

export function toContact(r: Raw): ContactRow {
  return {
    conversationId: r.conversation_id as string,
    email: (r.email as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    callbackWindow: (r.callback_window as string | null) ?? null,
    note: (r.note as string | null) ?? null,
    queuedAt: (r.queued_at as number | null) ?? null,
    createdAt: r.created_at as number,
  };
}
