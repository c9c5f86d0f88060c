/**
 * One turn of the bot: the content, segment, stored state and context it answers in, and the
 * helpers every answer goes through (output, "understood", handoff).
 * @module
 */
import type { CompiledContent, Segment } from './compile';
import type { ContentLink } from './content-types';
import { plainMessage } from './render';
import { writeState, type EngineState } from './state';
import type { BotContext, BotMessage, BotOutput } from './types';

/** Why the bot handed the conversation to a person. */
export const HANDOFF_REASONS = {
  /** The person asked for a human in words or pressed a postback asking for one. */
  userRequest: 'user_request',
  /** Two misunderstandings in a row and the person accepted the offer. */
  notUnderstood: 'not_understood',
} as const;

/** What one call of the engine works with. */
export interface Turn {
  c: CompiledContent;
  segment: Segment;
  state: EngineState;
  ctx: BotContext;
}

/** Extra fields of an output. */
export interface OutputExtras {
  handoff?: BotOutput['handoff'];
  priority?: BotOutput['priority'];
}

/** Builds the output of a turn: messages, the state to store, topic, intent and priority. */
export function output(turn: Turn, messages: BotMessage[], intent?: string, extras: OutputExtras = {}): BotOutput {
  const out: BotOutput = { messages, state: writeState(turn.state) };
  if (extras.handoff) out.handoff = extras.handoff;
  if (turn.state.topic !== undefined) out.topic = turn.state.topic;
  if (extras.priority) out.priority = extras.priority;
  if (intent !== undefined) out.intent = intent;
  return out;
}

/** Marks the input as understood: resets the counter and any pending question. */
export function understood(turn: Turn): void {
  turn.state.misses = 0;
  delete turn.state.pending;
  delete turn.state.offered;
}

/** True when the segment's menu has the topic. */
export function visibleTopic(turn: Turn, topic: string | undefined): boolean {
  return topic !== undefined && turn.c.segmentTopics[turn.segment].has(topic);
}

/** True when a content link leads somewhere the segment may go (handoff links are added by the engine). */
export function visibleLink(turn: Turn, link: ContentLink): boolean {
  if ('goto' in link) return visibleTopic(turn, turn.c.nodeTopic.get(link.goto));
  if ('flow' in link) return visibleTopic(turn, turn.c.content.flows[link.flow]?.topic);
  return !('handoff' in link);
}

/**
 * Hands the conversation to a person. `lead` messages go first (e.g. an urgent safety instruction).
 * While nobody is online the bot does not say "connecting": the server answers with when people are back.
 * An urgent conversation's handoff carries `priority: 'urgent'`.
 */
export function handoff(turn: Turn, reason: string, topic = turn.state.topic, intent = 'human', lead: BotMessage[] = []): BotOutput {
  understood(turn);
  if (topic !== undefined) turn.state.topic = topic;
  const messages = turn.ctx.operatorsOnline ? [...lead, plainMessage(turn.c.content.ui.connecting)] : lead;
  const priority = turn.state.urgent ? ('urgent' as const) : undefined;
  const request: NonNullable<BotOutput['handoff']> = { reason };
  if (topic !== undefined) request.topic = topic;
  if (priority) request.priority = priority;
  return output(turn, messages, intent, priority ? { handoff: request, priority } : { handoff: request });
}
