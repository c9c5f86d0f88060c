/**
 * Turns validated content into a form the engine can match against quickly:
 * compiled keywords, each node's topic, and which segment may see what.
 * @module
 */
import type { BotContent, ContentFlow, ContentNode } from './content-types';
import { compileKeyword, type Keyword } from './keywords';
import type { UserSegment } from '../../src/protocol/enums';

/** Segments the bot knows. */
export type Segment = UserSegment;

/** Something free text can lead to. */
export interface Candidate {
  kind: 'flow' | 'node' | 'topic';
  id: string;
  topic: string;
  keywords: Keyword[];
  /** Keywords of the candidate's topic: they break ties between sub-questions of different topics. */
  topicKeywords: Keyword[];
}

/** An urgent case ready for matching. */
export interface UrgentCandidate {
  id: string;
  keywords: Keyword[];
}

/** Content ready for the engine. */
export interface CompiledContent {
  content: BotContent;
  /** Topic id of every node. */
  nodeTopic: Map<string, string>;
  /** Topics per segment. */
  segmentTopics: Record<Segment, Set<string>>;
  /** Keyword candidates in priority order on equal scores: sub-questions, flows, topics. */
  candidates: Candidate[];
  /** Urgent cases, in content order (the first wins a tie). */
  urgent: UrgentCandidate[];
  intents: { human: Keyword[]; yes: Keyword[]; no: Keyword[]; callback: Keyword[] };
  smallTalk: { greeting: Keyword[]; thanks: Keyword[]; bye: Keyword[] };
}

function compileAll(sources: readonly string[] | undefined): Keyword[] {
  const out: Keyword[] = [];
  for (const source of sources ?? []) {
    const kw = compileKeyword(source);
    if (typeof kw !== 'string') out.push(kw);
  }
  return out;
}

/** Compiles content that `validateContent` accepted. */
export function compileContent(content: BotContent): CompiledContent {
  const nodeTopic = new Map<string, string>();
  const nodes = Object.entries(content.nodes) as [string, ContentNode][];
  for (const [id, node] of nodes) nodeTopic.set(id, node.topic ?? id);
  const segmentTopics: Record<Segment, Set<string>> = {
    private: new Set(content.segments.private.topics),
    business: new Set(content.segments.business.topics),
  };
  const topicKeywords = new Map<string, Keyword[]>();
  for (const [id, node] of nodes) if (nodeTopic.get(id) === id) topicKeywords.set(id, compileAll(node.keywords));
  const candidate = (kind: Candidate['kind'], id: string, topic: string, keywords?: string[]): Candidate => ({
    kind,
    id,
    topic,
    keywords: kind === 'topic' ? (topicKeywords.get(id) ?? []) : compileAll(keywords),
    topicKeywords: kind === 'topic' ? [] : (topicKeywords.get(topic) ?? []),
  });
  const flows = Object.entries(content.flows) as [string, ContentFlow][];
  const candidates: Candidate[] = [
    ...nodes.filter(([id]) => nodeTopic.get(id) !== id).map(([id, n]) => candidate('node', id, nodeTopic.get(id) ?? id, n.keywords)),
    ...flows.map(([id, flow]) => candidate('flow', id, flow.topic, flow.keywords)),
    ...nodes.filter(([id]) => nodeTopic.get(id) === id).map(([id]) => candidate('topic', id, id)),
  ];
  return {
    content,
    nodeTopic,
    segmentTopics,
    candidates,
    urgent: Object.entries(content.urgent).map(([id, u]) => ({ id, keywords: compileAll(u.keywords) })),
    intents: {
      human: compileAll(content.intents.human.keywords),
      yes: compileAll(content.intents.yes.keywords),
      no: compileAll(content.intents.no.keywords),
      callback: compileAll(content.intents.callback.keywords),
    },
    smallTalk: {
      greeting: compileAll(content.smallTalk.greeting.keywords),
      thanks: compileAll(content.smallTalk.thanks.keywords),
      bye: compileAll(content.smallTalk.bye.keywords),
    },
  };
}
