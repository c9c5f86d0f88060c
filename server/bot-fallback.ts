/**
 * A minimal bot used only when server/bot cannot be loaded, and by tests that need a predictable
 * bot: it greets, offers a person, and hands off when asked for one.
 * @module
 */
import type { Action } from '../src/core/model';
import type { Bot, BotContext, BotOutput } from './bot-types';

const TALK: Action = { id: 'qr_person', label: 'Talk to a person', kind: 'handoff', value: 'handoff' };
const TALK_RU: Action = { id: 'qr_person', label: 'Позвать оператора', kind: 'handoff', value: 'handoff' };

function offer(ctx: BotContext): Action[] {
  return [ctx.locale === 'ru' ? TALK_RU : TALK];
}

/** Creates the fallback bot. */
export function createFallbackBot(): Bot {
  return {
    start(ctx): BotOutput {
      const text = ctx.locale === 'ru' ? 'Здравствуйте! Я бот поддержки. Чем помочь?' : 'Hello! I am the support bot. How can I help?';
      return { messages: [{ parts: [{ kind: 'text', text }], quickReplies: offer(ctx) }], state: { turns: 0 } };
    },
    reply(ctx, state, input): BotOutput {
      const turns = typeof state.turns === 'number' ? state.turns + 1 : 1;
      const text = input.text ?? input.action?.label ?? '';
      if (/\b(operator|human|person|оператор)/i.test(text) || input.action?.value === 'handoff') {
        const t = ctx.locale === 'ru' ? 'Соединяю с оператором.' : 'Connecting you to an operator.';
        return { messages: [{ parts: [{ kind: 'text', text: t }] }], state: { turns }, handoff: { reason: 'user_asked', topic: 'other' } };
      }
      const t = ctx.locale === 'ru' ? `Вы написали: «${text}».` : `You wrote: "${text}".`;
      return { messages: [{ parts: [{ kind: 'text', text: t }], quickReplies: offer(ctx) }], state: { turns }, topic: 'other' };
    },
  };
}
