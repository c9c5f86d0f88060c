/**
 * The generic bot engine: routes buttons and free text over compiled content.
 * It knows nothing about banking; everything it says comes from the content files.
 * @module
 */
import type { Candidate, CompiledContent, Segment } from './compile';
import { scoreKeywords, tokenize, type Keyword } from './keywords';
import { decodePostback, type Postback } from './postback';
import { handoffAction, linkAction, menuAction, menuMessage, nodeMessage, postbackAction, textMessage } from './render';
import { readState, type EngineState } from './state';
import { HANDOFF_REASONS, handoff, output, understood, visibleTopic, type Turn } from './turn';
import type { Bot, BotContext, BotInput, BotMessage, BotOutput, BotState } from './types';
import { bestUrgent, callbackAnswer, urgentAnswer, verifyFirst } from './urgent';

export { HANDOFF_REASONS } from './turn';

/**
 * Words of head start an urgent case has over ordinary answers: "I sent money to a scammer" is fraud
 * although "sent money" is a payments question, but "charged twice" keywords that cover more of the
 * message ("списали деньги дважды") still make it a dispute.
 */
const URGENT_HEAD_START = 1;

/** Compiled content per locale; `en` is the fallback for unknown locales. */
export type ContentByLocale = { en: CompiledContent } & Partial<Record<string, CompiledContent>>;

function showMenu(turn: Turn, text = turn.c.content.ui.menuPrompt, intent = 'menu'): BotOutput {
  understood(turn);
  return output(turn, [menuMessage(turn.c, turn.segment, text)], intent);
}

function showNode(turn: Turn, id: string): BotOutput {
  understood(turn);
  turn.state.topic = turn.c.nodeTopic.get(id);
  return output(turn, [nodeMessage(turn.c, id)], `node:${id}`);
}

/** Asks to confirm a card or account action; only a verified customer is asked at all. */
function askFlow(turn: Turn, id: string): BotOutput {
  const flow = turn.c.content.flows[id];
  if (!flow) return misunderstood(turn);
  if (!turn.ctx.verified) return verifyFirst(turn, id);
  understood(turn);
  turn.state.topic = flow.topic;
  turn.state.pending = id;
  const { ui } = turn.c.content;
  const replies = [
    postbackAction(flow.confirmLabel ?? ui.confirm, { type: 'confirm', id }),
    postbackAction(flow.cancelLabel ?? ui.cancel, { type: 'cancel', id }),
  ];
  return output(turn, [textMessage(turn.c, flow.ask, replies)], `flow:${id}`);
}

function finishFlow(turn: Turn, id: string, confirmed: boolean): BotOutput {
  const flow = turn.c.content.flows[id];
  if (!flow) return misunderstood(turn);
  // Verification can be lost between the question and the answer (a new session): never "done" then.
  if (confirmed && !turn.ctx.verified) return verifyFirst(turn, id);
  understood(turn);
  turn.state.topic = flow.topic;
  const topicTitle = turn.c.content.nodes[flow.topic]?.title ?? flow.topic;
  const replies = confirmed
    ? (flow.after ?? []).filter((l) => !('handoff' in l)).map((l) => linkAction(turn.c, l))
    : [postbackAction(topicTitle, { type: 'node', id: flow.topic })];
  const text = confirmed ? flow.done : flow.cancelled;
  const intent = `${confirmed ? 'flow-done' : 'flow-cancelled'}:${id}`;
  return output(turn, [textMessage(turn.c, text, [...replies, menuAction(turn.c)])], intent);
}

function misunderstood(turn: Turn): BotOutput {
  const { c } = turn;
  delete turn.state.pending;
  turn.state.misses += 1;
  if (turn.state.misses >= 2) {
    turn.state.offered = true;
    const message: BotMessage = {
      parts: [{ kind: 'text', text: c.content.fallback.offerPerson }],
      quickReplies: [handoffAction(c), menuAction(c, c.content.ui.tryAgain)],
    };
    return output(turn, [message], 'fallback:offer');
  }
  delete turn.state.offered;
  return output(turn, [menuMessage(c, turn.segment, c.content.fallback.notUnderstood)], 'fallback');
}

function routePostback(turn: Turn, postback: Postback): BotOutput {
  switch (postback.type) {
    case 'menu':
      return showMenu(turn);
    case 'handoff':
      return handoff(turn, HANDOFF_REASONS.userRequest);
    case 'node':
      return visibleTopic(turn, turn.c.nodeTopic.get(postback.id)) ? showNode(turn, postback.id) : misunderstood(turn);
    case 'flow':
    case 'confirm':
    case 'cancel': {
      if (!visibleTopic(turn, turn.c.content.flows[postback.id]?.topic)) return misunderstood(turn);
      if (postback.type === 'flow') return askFlow(turn, postback.id);
      // A button from an older message: never act on it without asking again.
      if (turn.state.pending !== postback.id) return postback.type === 'confirm' ? askFlow(turn, postback.id) : showMenu(turn);
      return finishFlow(turn, postback.id, postback.type === 'confirm');
    }
  }
}

/** The best keyword candidate the segment may see, if any matched, and its score. */
function bestCandidate(turn: Turn, tokens: readonly string[]): { candidate?: Candidate; score: number } {
  let best: Candidate | undefined;
  let bestScore = 0;
  for (const candidate of turn.c.candidates) {
    if (!visibleTopic(turn, candidate.topic)) continue;
    const own = scoreKeywords(tokens, candidate.keywords);
    // "transfer limit" beats "card limit" for a transfer question: the topic's words add half a point each.
    const score = own > 0 ? own + scoreKeywords(tokens, candidate.topicKeywords) / 2 : 0;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best ? { candidate: best, score: bestScore } : { score: 0 };
}

function matches(tokens: readonly string[], keywords: readonly Keyword[]): boolean {
  return scoreKeywords(tokens, keywords) > 0;
}

function smallTalk(turn: Turn, tokens: readonly string[]): BotOutput | undefined {
  const { c } = turn;
  if (matches(tokens, c.smallTalk.greeting)) return showMenu(turn, c.content.smallTalk.greeting.text, 'smalltalk:greeting');
  for (const kind of ['thanks', 'bye'] as const) {
    if (matches(tokens, c.smallTalk[kind])) {
      understood(turn);
      return output(turn, [textMessage(c, c.content.smallTalk[kind].text, [menuAction(c)])], `smalltalk:${kind}`);
    }
  }
  return undefined;
}

/**
 * Free text, in this order: an urgent case (unless an ordinary answer covers clearly more of the words),
 * a request for a person, a call-back request, an answer to a pending question, the best answer,
 * small talk, and only then "didn't understand".
 */
function routeText(turn: Turn, text: string): BotOutput {
  const { c, state } = turn;
  const tokens = tokenize(text);
  if (tokens.length === 0) return misunderstood(turn);
  const { candidate, score } = bestCandidate(turn, tokens);
  const urgent = bestUrgent(turn, tokens);
  const isUrgent = urgent.urgent !== undefined && urgent.score + URGENT_HEAD_START >= score;
  const human = matches(tokens, c.intents.human);
  if (isUrgent && urgent.urgent) return urgentAnswer(turn, urgent.urgent.id, human);
  if (human) return handoff(turn, HANDOFF_REASONS.userRequest, candidate?.topic ?? state.topic);
  if (matches(tokens, c.intents.callback)) return callbackAnswer(turn);

  const yes = matches(tokens, c.intents.yes);
  const no = matches(tokens, c.intents.no);
  if (state.pending !== undefined && yes !== no) return finishFlow(turn, state.pending, yes);
  if (state.offered && yes !== no)
    return yes ? handoff(turn, HANDOFF_REASONS.notUnderstood, state.topic, 'yes') : showMenu(turn, undefined, 'no');

  if (candidate) return candidate.kind === 'flow' ? askFlow(turn, candidate.id) : showNode(turn, candidate.id);
  return smallTalk(turn, tokens) ?? misunderstood(turn);
}

function pick(contents: ContentByLocale, ctx: BotContext, state: EngineState): Turn {
  const c = contents[ctx.locale] ?? contents.en;
  const segment: Segment = ctx.segment === 'business' ? 'business' : 'private';
  return { c, segment, state, ctx };
}

/** Creates a bot over compiled content. */
export function createEngine(contents: ContentByLocale): Bot {
  return {
    start(ctx: BotContext): BotOutput {
      const turn = pick(contents, ctx, { misses: 0 });
      return output(turn, [menuMessage(turn.c, turn.segment, turn.c.content.segments[turn.segment].greeting)]);
    },

    reply(ctx: BotContext, state: BotState, input: BotInput): BotOutput {
      const turn = pick(contents, ctx, readState(state));
      const { action } = input;
      // The client asks for a human itself; the urgent button (or any after an urgent case) marks the priority.
      if (action?.kind === 'handoff') {
        if (action.value === 'urgent') turn.state.urgent = true;
        return output(turn, [], 'human', turn.state.urgent ? { priority: 'urgent' } : {});
      }
      // url buttons are opened by the client.
      if (action?.kind === 'url') return output(turn, []);
      if (action?.kind === 'postback') {
        const postback = decodePostback(action.value);
        return postback ? routePostback(turn, postback) : misunderstood(turn);
      }
      const text = input.text ?? (action?.kind === 'reply' ? action.value : '');
      if (text.trim() === '') return output(turn, []);
      return routeText(turn, text);
    },
  };
}
