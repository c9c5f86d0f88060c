/**
 * Search over conversations (`desk.search`): full text over message text, within what the operator
 * may see (supervisors: everything; operators: waiting conversations and their own). Each search is
 * audited with the number of terms and the query's length, never the query itself.
 * @module
 */
import type { OperatorPrincipal } from '../auth/principal';
import type { ServerContext } from '../domain/context';
import { firstWords, topicLabel } from '../domain/handoff-preview';
import { audit } from '../governance/audit';
import type { DeskSearchResult } from '../operator-protocol/desk';
import { searchTerms, snippet } from './snippet';

/** At most this many results. */
export const MAX_RESULTS = 30;

/** Searches message text; results best first. */
export async function searchConversations(ctx: ServerContext, who: OperatorPrincipal, query: string): Promise<DeskSearchResult[]> {
  const terms = searchTerms(query);
  const scope = { operatorId: who.role === 'supervisor' ? null : who.id };
  const hits = await ctx.store.desk.search(terms, scope, MAX_RESULTS);
  await audit(ctx, { actor: who, action: 'search', detail: `terms ${terms.length}, length ${query.length}, results ${hits.length}` });
  const titles = new Map<string, string | undefined>();
  const out: DeskSearchResult[] = [];
  for (const h of hits) {
    if (!titles.has(h.conversationId)) {
      const conv = await ctx.store.conversation(h.conversationId);
      titles.set(h.conversationId, conv ? (conv.topic ? topicLabel(conv.topic, 'en') : await firstWords(ctx, conv)) : undefined);
    }
    const title = titles.get(h.conversationId);
    out.push({
      conversationId: h.conversationId,
      seq: h.seq,
      role: h.role,
      snippet: snippet(h.body, terms),
      at: new Date(h.createdAt).toISOString(),
      ...(title ? { title } : {}),
    });
  }
  return out;
}
