/**
 * What the simulated handoff says (the bot's own words come from the server's content, see
 * `bot-content.ts`). `{code}` and `{op}` are filled in by the handoff steps.
 * @module
 */

/** One language of the handoff steps. @internal */
export interface HandoffText {
  bot: string;
  op: string;
  prompt: string;
  code: string;
  offline: string;
  opHi: string;
  /** The operator's replies, used in turn. */
  opSay: string[];
}

const en: HandoffText = {
  bot: 'Assistant',
  op: 'Anna',
  prompt: 'Enter the code we sent by SMS',
  code: 'Demo code: {code} (a real bank sends it by SMS)',
  offline: 'Operators are offline now. Leave a message and we will reply.',
  opHi: 'Hi, I am {op}. How can I help?',
  opSay: ['Let me check that for you.', 'Thanks, I can see it now. Anything else?'],
};

const ru: HandoffText = {
  bot: 'Ассистент',
  op: 'Анна',
  prompt: 'Введите код из SMS',
  code: 'Демо-код: {code} (настоящий банк пришлёт его по SMS)',
  offline: 'Операторы сейчас не в сети. Оставьте сообщение, и мы ответим.',
  opHi: 'Здравствуйте, я {op}. Чем помочь?',
  opSay: ['Сейчас проверю.', 'Спасибо, теперь вижу. Могу ещё чем-то помочь?'],
};

/** The handoff phrases for `locale` (English unless Russian). @internal */
export const handoffText = (locale: string): HandoffText => (/^ru\b/i.test(locale) ? ru : en);
