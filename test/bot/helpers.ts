/** Shared helpers of the bot tests. */
import type { Action } from '../../src/core/model';
import { createBot, type Bot, type BotContext, type BotInput, type BotOutput, type BotState } from '../../server/bot/index';

/** A conversation with the bot whose state goes through JSON between turns, like the server stores it. */
export class Conversation {
  readonly bot: Bot;
  readonly ctx: BotContext;
  state: BotState = {};
  last: BotOutput;

  constructor(ctx: BotContext, bot: Bot = createBot()) {
    this.bot = bot;
    this.ctx = ctx;
    this.last = this.keep(bot.start(ctx));
  }

  private keep(out: BotOutput): BotOutput {
    this.state = JSON.parse(JSON.stringify(out.state)) as BotState;
    this.last = out;
    return out;
  }

  say(text: string): BotOutput {
    return this.keep(this.bot.reply(this.ctx, this.state, { text }));
  }

  send(input: BotInput): BotOutput {
    return this.keep(this.bot.reply(this.ctx, this.state, input));
  }

  /** Presses a quick reply (or card button) of the last output by its label. */
  press(label: string): BotOutput {
    const action = findAction(this.last, (a) => a.label === label);
    if (!action) throw new Error(`no button "${label}" in ${JSON.stringify(allActions(this.last).map((a) => a.label))}`);
    return this.send({ action });
  }
}

/** Every action of an output: quick replies and card buttons. */
export function allActions(out: BotOutput): Action[] {
  return out.messages.flatMap((m) => [...(m.quickReplies ?? []), ...m.parts.flatMap((p) => (p.kind === 'card' ? (p.actions ?? []) : []))]);
}

export function findAction(out: BotOutput, test: (a: Action) => boolean): Action | undefined {
  return allActions(out).find(test);
}

/** All text of an output, joined. */
export function textOf(out: BotOutput): string {
  return out.messages
    .flatMap((m) => m.parts.map((p) => (p.kind === 'text' ? p.text : p.kind === 'card' ? `${p.title ?? ''} ${p.text ?? ''}` : '')))
    .join('\n');
}

/** True when the last message's quick replies include a `handoff` action. */
export function offersHandoff(out: BotOutput): boolean {
  const last = out.messages[out.messages.length - 1];
  return (last?.quickReplies ?? []).some((a) => a.kind === 'handoff');
}
