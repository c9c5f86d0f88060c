/**
 * The Chatwoot session: the contact (its `source_id` and `pubsub_token`) and the conversation,
 * created or reused. A stored session is reused while it belongs to the same signed-in user; an
 * unknown contact or conversation (deleted, another inbox) is created afresh.
 * @module
 */
import { isTransportError, TransportError } from '../../core/errors';
import type { ChatUser, SessionSnapshot } from '../../core/transport';
import type { ChatwootRest, ContactInput } from './rest';
import { asNumber, asString, type Json, sourceIdOf } from './wire';

export interface ChatwootSession {
  sourceId: string;
  pubsubToken: string;
  /** The signed-in user's id the contact was made for ('' for a visitor). */
  identifier: string;
  conversationId: string;
  conversationUuid?: string;
  status: string;
  /** The conversation was created by this connect (its first messages may precede the subscription). */
  created?: boolean;
}

const notFound = (e: unknown) => isTransportError(e) && e.code === 'not_found';

function contactInput(user: ChatUser): ContactInput {
  return {
    ...(user.id ? { identifier: user.id } : {}),
    // The host's backend computes HMAC-SHA256(inbox hmac_token, identifier); passed through as is.
    ...(user.id && user.hash ? { identifier_hash: user.hash } : {}),
    ...(user.name ? { name: user.name } : {}),
    ...(user.email ? { email: user.email } : {}),
    ...(user.phone ? { phone_number: user.phone } : {}),
    ...(user.attributes ? { custom_attributes: user.attributes } : {}),
  };
}

async function newContact(rest: ChatwootRest, user: ChatUser): Promise<Pick<ChatwootSession, 'sourceId' | 'pubsubToken'>> {
  const contact = await rest.createContact(contactInput(user));
  const sourceId = sourceIdOf(contact);
  const pubsubToken = asString(contact.pubsub_token);
  if (!sourceId || !pubsubToken)
    throw new TransportError('chatwoot', 'server', 'the contact came back without source_id or pubsub_token', { retryable: false });
  return { sourceId, pubsubToken };
}

const conversationOf = (c: Json): { conversationId: string; conversationUuid?: string; status: string } | null => {
  const id = asNumber(c.id);
  if (id === undefined) return null;
  const uuid = asString(c.uuid);
  return { conversationId: String(id), ...(uuid ? { conversationUuid: uuid } : {}), status: asString(c.status) ?? 'open' };
};

async function pickConversation(rest: ChatwootRest, sourceId: string, wanted: string | undefined, metadata?: Record<string, string>) {
  if (wanted) {
    try {
      const found = conversationOf(await rest.getConversation(sourceId, wanted));
      if (found) return found;
    } catch (e) {
      if (!notFound(e)) throw e;
    }
  }
  const open = (await rest.listConversations(sourceId))
    .map(conversationOf)
    .filter((c): c is NonNullable<typeof c> => c !== null && c.status !== 'resolved')
    .sort((a, b) => Number(b.conversationId) - Number(a.conversationId));
  if (open[0]) return open[0];
  const created = conversationOf(await rest.createConversation(sourceId, metadata));
  if (!created) throw new TransportError('chatwoot', 'server', 'the conversation came back without an id', { retryable: false });
  return { ...created, created: true };
}

/** Creates or reuses the contact and the conversation. Rejects with `TransportError`. */
export async function openSession(
  rest: ChatwootRest,
  user: ChatUser,
  resume: SessionSnapshot | undefined,
  metadata?: Record<string, string>,
): Promise<ChatwootSession> {
  const a = resume?.adapter ?? {};
  const identifier = user.id ?? '';
  const stored =
    typeof a.sourceId === 'string' && typeof a.pubsubToken === 'string' && (a.identifier ?? '') === identifier
      ? { sourceId: a.sourceId, pubsubToken: a.pubsubToken }
      : null;
  let contact = stored ?? (await newContact(rest, user));
  try {
    const conversation = await pickConversation(rest, contact.sourceId, stored ? resume?.conversationId : undefined, metadata);
    return { ...contact, identifier, ...conversation };
  } catch (e) {
    // A stored contact the server no longer knows: start over with a new one.
    if (!stored || !notFound(e)) throw e;
    contact = await newContact(rest, user);
    return { ...contact, identifier, ...(await pickConversation(rest, contact.sourceId, undefined, metadata)) };
  }
}
