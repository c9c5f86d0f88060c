/**
 * Read models for the operator console: queue snapshot and conversation detail.
 * @module
 */
import type { ConversationRow } from '../db/rows';
import { rowActivity } from '../desk/activity';
import type { ConversationDetail, QueueItem, QueueSnapshot } from '../operator-protocol';
import type { ServerContext } from './context';
import { ServiceError } from './errors';
import { firstWords, handoffPreview, topicLabel } from './handoff-preview';
import { contactForConsole } from './offline';
import { conversationSnapshot, operatorParticipant } from './snapshot';
import { awaitingCode, demoCode } from './verification';

async function item(ctx: ServerContext, conv: ConversationRow): Promise<QueueItem> {
  const session = await ctx.store.session(conv.sessionId);
  const since = conv.queuedAt ?? conv.updatedAt;
  const now = ctx.config.now();
  const it: QueueItem = {
    conversationId: conv.id,
    state: conv.state,
    handoff: conv.handoff,
    topic: conv.topic,
    segment: conv.segment,
    locale: conv.locale,
    since: new Date(since).toISOString(),
    waitSeconds: Math.max(0, Math.round((now - since) / 1000)),
    priority: conv.priority,
    customer: {
      ...(session?.profile.name ? { name: session.profile.name } : {}),
      verified: session?.verified ?? false,
      identified: conv.userKey.startsWith('u:'),
    },
  };
  const op = operatorParticipant(conv);
  if (op) it.operator = op;
  const code = conv.handoff === 'verification_required' ? await demoCode(ctx, conv.id) : undefined;
  if (code) it.pendingCode = code;
  const contact = await contactForConsole(ctx, conv);
  if (contact) it.contact = contact;
  const page = session?.metadata.url ?? session?.metadata.pageUrl ?? session?.metadata.page;
  if (page) it.pageUrl = page;
  const title = conv.topic ? topicLabel(conv.topic, 'en') : await firstWords(ctx, conv);
  if (title) it.title = title;
  if (conv.priorityReason && conv.priority === 'urgent') it.priorityReason = conv.priorityReason;
  if (conv.handoffNote) it.note = conv.handoffNote;
  it.channel = conv.channel;
  Object.assign(it, await rowActivity(ctx, conv));
  return it;
}

/** The console's lists. */
export async function queueSnapshot(ctx: ServerContext): Promise<QueueSnapshot> {
  const items = async (rows: Promise<ConversationRow[]>): Promise<QueueItem[]> => Promise.all((await rows).map((c) => item(ctx, c)));
  const [waiting, verifying, active] = await Promise.all([
    items(ctx.store.queue()),
    items(ctx.store.verifying().then((rows) => awaitingCode(ctx, rows))),
    items(ctx.store.assigned()),
  ]);
  return {
    waiting,
    verifying,
    active,
    operatorsOnline: ctx.operators.online(),
    ...(ctx.config.demo ? { demoCodes: true as const } : {}),
  };
}

/** Customer context and transcript of one conversation. */
export async function conversationDetail(ctx: ServerContext, conversationId: string): Promise<ConversationDetail> {
  const conv = await ctx.store.conversation(conversationId);
  if (!conv) throw new ServiceError('not_found', 'unknown conversation');
  const session = await ctx.store.session(conv.sessionId);
  const p = session?.profile ?? {};
  const rating = await ctx.store.lastRating(conv.id);
  const messages = (await ctx.store.messagesBefore(conv.id, Number.MAX_SAFE_INTEGER, 200)).reverse();
  return {
    item: await item(ctx, conv),
    conversation: await conversationSnapshot(ctx, conv),
    customer: {
      id: conv.userKey.slice(2),
      ...(p.name ? { name: p.name } : {}),
      ...(p.email ? { email: p.email } : {}),
      ...(p.phone ? { phone: p.phone } : {}),
      segment: conv.segment,
      verified: session?.verified ?? false,
      identified: conv.userKey.startsWith('u:'),
      attributes: { ...(p.attributes ?? {}) },
      // The signature covers `user.id` only: the profile is what the customer's page sent.
      verifiedFields: session?.userId ? ['id'] : [],
    },
    metadata: { ...(session?.metadata ?? {}) },
    messages,
    ...(rating ? { rating } : {}),
    handoff: await handoffPreview(ctx, conv, 'en'),
  };
}
