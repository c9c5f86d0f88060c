/**
 * The bot's answers at the hard moments: urgent cases (fraud, a suspicious call, a lost card) with
 * a priority person and, while nobody is online, the emergency line; card and account actions for a
 * customer who is not verified; and "please call me back".
 * @module
 */
import type { Action } from '../../src/core/model';
import type { UrgentCandidate } from './compile';
import { scoreKeywords } from './keywords';
import { linkAction, makeAction, menuAction, telUrl, textMessage, urgentHandoffAction, withPhone } from './render';
import { HANDOFF_REASONS, handoff, output, understood, visibleLink, visibleTopic, type Turn } from './turn';
import type { BotMessage, BotOutput } from './types';

/** The best-matching urgent case and its score (0 when none matched). */
export function bestUrgent(turn: Turn, tokens: readonly string[]): { urgent?: UrgentCandidate; score: number } {
  let urgent: UrgentCandidate | undefined;
  let score = 0;
  for (const candidate of turn.c.urgent) {
    const s = scoreKeywords(tokens, candidate.keywords);
    if (s > score) [urgent, score] = [candidate, s];
  }
  return urgent ? { urgent, score } : { score };
}

/**
 * The safety text and buttons every urgent answer ends with: the priority person first and, while
 * nobody is online and an emergency line is configured, the line as a `tel:` button.
 */
function urgentMessage(turn: Turn, text: string, extra: Action[], withPerson = true): BotMessage {
  const { c, ctx } = turn;
  const tel = ctx.operatorsOnline ? undefined : telUrl(ctx.emergencyPhone);
  const buttons: Action[] = withPerson ? [urgentHandoffAction(c, ctx.operatorsOnline)] : [];
  let said = text;
  if (tel && ctx.emergencyPhone) {
    said = `${text}\n\n${withPhone(c.content.ui.emergencyLine, ctx.emergencyPhone)}`;
    buttons.push(makeAction('url', withPhone(c.content.ui.emergencyCall, ctx.emergencyPhone), tel));
  }
  return { parts: [{ kind: 'text', text: said }], quickReplies: [...buttons, ...extra, menuAction(c)] };
}

/**
 * Answers an urgent case at once with its safety instruction and a one-tap priority person.
 * With `alsoHandoff` (the person asked for a human in the same words) it hands off right away.
 */
export function urgentAnswer(turn: Turn, id: string, alsoHandoff: boolean): BotOutput {
  const { c, ctx } = turn;
  const u = c.content.urgent[id];
  if (!u) throw new Error(`unknown urgent case ${id}`);
  understood(turn);
  turn.state.urgent = true;
  if (visibleTopic(turn, u.topic)) turn.state.topic = u.topic;
  const links = (u.replies ?? []).filter((l) => visibleLink(turn, l)).map((l) => linkAction(c, l));
  const text = ctx.operatorsOnline ? u.text : u.offlineText;
  const intent = `urgent:${id}`;
  if (alsoHandoff) return handoff(turn, HANDOFF_REASONS.userRequest, turn.state.topic, intent, [urgentMessage(turn, text, links, false)]);
  return output(turn, [urgentMessage(turn, text, links)], intent, { priority: 'urgent' });
}

/**
 * A card or account action for a customer who is not verified: never done, never even asked; the
 * bot says how to confirm who they are and offers a person (the priority one for security actions).
 */
export function verifyFirst(turn: Turn, id: string): BotOutput {
  const { c } = turn;
  const flow = c.content.flows[id];
  if (!flow) throw new Error(`unknown bot flow ${id}`);
  understood(turn);
  turn.state.topic = flow.topic;
  const text = flow.unverified ?? c.content.ui.verifyFirst;
  const message = flow.urgent ? urgentMessage(turn, text, []) : textMessage(c, text, [menuAction(c)]);
  return output(turn, [message], `verify:${id}`);
}

/** "Please call me back": the person path (a person arranges the call, or a message is left), not a question. */
export function callbackAnswer(turn: Turn): BotOutput {
  const { c, ctx } = turn;
  understood(turn);
  const cb = c.content.intents.callback;
  const message: BotMessage = {
    parts: [{ kind: 'text', text: ctx.operatorsOnline ? cb.text : cb.offlineText }],
    quickReplies: [makeAction('handoff', cb.button, 'callback'), menuAction(c)],
  };
  return output(turn, [message], 'callback');
}
