/**
 * Builds bot messages and buttons from content. Every answer ends with
 * "Talk to a person" so a human is always one tap away.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { Action, Part } from '../../src/core/model';
import type { CompiledContent, Segment } from './compile';
import type { ContentCard, ContentLink } from './content-types';
import { encodePostback, type Postback } from './postback';
import type { BotMessage } from './types';

/** A button with a fresh id. */
export function makeAction(kind: Action['kind'], label: string, value: string): Action {
  return { id: randomUUID(), label, kind, value };
}

/** A postback button. */
export function postbackAction(label: string, postback: Postback): Action {
  return makeAction('postback', label, encodePostback(postback));
}

/** The "Talk to a person" button. */
export function handoffAction(c: CompiledContent): Action {
  return makeAction('handoff', c.content.ui.talkToPerson, 'handoff');
}

/**
 * The priority person button of urgent answers: `kind: 'handoff'`, `value: 'urgent'`. While nobody
 * is online its label says it leaves a message rather than promising someone now.
 */
export function urgentHandoffAction(c: CompiledContent, operatorsOnline: boolean): Action {
  const { ui } = c.content;
  return makeAction('handoff', operatorsOnline ? ui.urgentPerson : ui.urgentPersonOffline, 'urgent');
}

/** A `tel:` URL for a configured phone number, or undefined when it holds too few digits to dial. */
export function telUrl(phone: string | undefined): string | undefined {
  if (phone === undefined) return undefined;
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 3 || digits.length > 15) return undefined;
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}

/** Replaces `{phone}` in a content text. */
export function withPhone(text: string, phone: string): string {
  return text.split('{phone}').join(phone.trim());
}

/** A text message without buttons. */
export function plainMessage(text: string): BotMessage {
  return { parts: [{ kind: 'text', text }] };
}

/** The "Back to topics" button. */
export function menuAction(c: CompiledContent, label = c.content.ui.backToTopics): Action {
  return postbackAction(label, { type: 'menu' });
}

/** Turns a content link into a button. */
export function linkAction(c: CompiledContent, link: ContentLink): Action {
  if ('goto' in link) return postbackAction(link.label, { type: 'node', id: link.goto });
  if ('flow' in link) return postbackAction(link.label, { type: 'flow', id: link.flow });
  if ('url' in link) return makeAction('url', link.label, link.url);
  if ('handoff' in link) return handoffAction(c);
  return menuAction(c, link.label);
}

function cardPart(c: CompiledContent, card: ContentCard): Part {
  const part: Extract<Part, { kind: 'card' }> = { kind: 'card', title: card.title };
  if (card.subtitle !== undefined) part.subtitle = card.subtitle;
  if (card.text !== undefined) part.text = card.text;
  if (card.imageUrl !== undefined) part.imageUrl = card.imageUrl;
  if (card.actions && card.actions.length > 0) part.actions = card.actions.map((a) => linkAction(c, a));
  return part;
}

/** A text message whose quick replies end with "Talk to a person". */
export function textMessage(c: CompiledContent, text: string, replies: Action[] = []): BotMessage {
  return { parts: [{ kind: 'text', text }], quickReplies: [...replies, handoffAction(c)] };
}

/** The topic menu of a segment under `text`. */
export function menuMessage(c: CompiledContent, segment: Segment, text: string): BotMessage {
  const topics = c.content.segments[segment].topics.map((id) => postbackAction(c.content.nodes[id]?.title ?? id, { type: 'node', id }));
  return textMessage(c, text, topics);
}

/** An answer node: its text and cards, its quick replies, "Back to topics" and "Talk to a person". */
export function nodeMessage(c: CompiledContent, id: string): BotMessage {
  const node = c.content.nodes[id];
  if (!node) throw new Error(`unknown bot node ${id}`);
  const parts: Part[] = [{ kind: 'text', text: node.text }, ...(node.cards ?? []).map((card) => cardPart(c, card))];
  const replies = (node.replies ?? []).filter((l) => !('handoff' in l)).map((l) => linkAction(c, l));
  return { parts, quickReplies: [...replies, menuAction(c), handoffAction(c)] };
}
