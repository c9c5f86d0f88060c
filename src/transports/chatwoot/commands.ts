/**
 * What the SDK asks of a Chatwoot conversation besides sending (send.ts): history pages, typing,
 * last-seen, resolve, and the CSAT answer.
 * @module
 */
import { TransportError } from '../../core/errors';
import type { HistoryPage } from '../../core/transport';
import { CHATWOOT_PAGE } from './rest';
import type { CommandsHost } from './send';
import { messageId } from './wire';

const NAME = 'chatwoot';

export function createCommands(host: CommandsHost) {
  const { rest, inbound } = host;
  return {
    async fetchHistory(query: { before?: string; limit?: number }): Promise<HistoryPage> {
      const s = host.session();
      const before = query.before !== undefined && /^\d+$/.test(query.before) ? Number(query.before) : undefined;
      const raw = await rest.listMessages(s.sourceId, s.conversationId, before);
      const all = inbound.page(raw).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
      for (const m of raw) inbound.setLastId(messageId(m) ?? 0);
      const limit = Math.max(1, query.limit ?? CHATWOOT_PAGE);
      const messages = all.slice(-limit);
      const oldest = messages[0]?.seq;
      const hasMore = all.length > limit || raw.length >= CHATWOOT_PAGE;
      return { messages, hasMore, ...(hasMore && oldest !== undefined ? { before: String(oldest) } : {}) };
    },
    setTyping(on: boolean): void {
      try {
        const s = host.session();
        rest.toggleTyping(s.sourceId, s.conversationId, on).catch(() => undefined);
      } catch {}
    },
    async markRead(): Promise<void> {
      const s = host.session();
      await rest.updateLastSeen(s.sourceId, s.conversationId);
    },
    async closeConversation(): Promise<void> {
      const s = host.session();
      await rest.resolve(s.sourceId, s.conversationId);
    },
    async rate(score: number, comment?: string): Promise<void> {
      if (!Number.isInteger(score) || score < 1 || score > 5)
        throw new TransportError(NAME, 'invalid', 'a rating is 1 to 5', { retryable: false });
      const s = host.session();
      if (!s.conversationUuid) throw new TransportError(NAME, 'unsupported', 'this conversation has no survey', { retryable: false });
      await rest.rate(s.conversationUuid, score, comment);
    },
  };
}
