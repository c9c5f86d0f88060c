/**
 * What the demo bot and the simulated operator say, in English and Russian.
 * `{name}`, `{code}` and `{op}` are filled in by the script.
 * @module
 */

/** Things the demo bot understands. @internal */
export type Intent = 'cards' | 'payments' | 'app' | 'security' | 'block' | 'person' | 'thanks' | 'hello' | 'file';

/** One language of the demo script. @internal */
export interface BotText {
  bot: string;
  op: string;
  /** Greeting; `{name}` is ", Maria" or empty; `{biz}` is `biz` for business customers. */
  hi: string;
  biz: string;
  /** Labels of the topic buttons: cards, payments, app & login, security. */
  topics: [string, string, string, string];
  person: string;
  more: string;
  answers: Record<Intent, string>;
  /** The demo card: title, subtitle, "block" button, "help" link. */
  card: [string, string, string, string];
  /** First and second "did not understand". */
  sorry: [string, string];
  prompt: string;
  code: string;
  offline: string;
  opHi: string;
  /** The operator's replies, used in turn. */
  opSay: string[];
}

/** English. @internal */
export const en: BotText = {
  bot: 'Assistant',
  op: 'Anna',
  hi: 'Hi{name}! I am the demo assistant{biz}. What can I help with?',
  biz: ' for business clients',
  topics: ['Cards', 'Payments', 'App & login', 'Security'],
  person: 'Talk to a person',
  more: 'Other topics',
  answers: {
    cards: 'Freeze or unfreeze a card in the app: Cards → Settings. Lost it? Block it here:',
    payments: 'Transfers to our clients arrive at once, to other banks within a business day. Stuck for longer? A person can trace it.',
    app: 'Cannot log in? Tap “Forgot password” on the login screen. Locked after wrong attempts? Wait 30 minutes or ask a person.',
    security: 'We never ask for codes or passwords in chat. If someone did, block your card and talk to a person now.',
    block: 'Done: the demo card •• 4242 is frozen. (Nothing real happened: this is a demo.)',
    person: 'Sure: tap the button and a person will join.',
    thanks: 'You are welcome!',
    hello: 'How can I help? Pick a topic or type a question.',
    file: 'Got the file. An operator will see it if you ask for a person.',
  },
  card: ['Visa •• 4242', 'Debit card', 'Block card', 'Card help'],
  sorry: ['Sorry, I did not get that. Try one of these topics:', 'I still cannot help with that. Shall I call a person?'],
  prompt: 'Enter the code we sent by SMS',
  code: 'Demo code: {code} (a real bank sends it by SMS)',
  offline: 'Our operators are offline now. Leave a message and we will reply when we are back.',
  opHi: 'Hi, I am {op}. I have read the chat: how can I help?',
  opSay: ['Let me check that for you.', 'Thanks, I can see it now. Anything else?'],
};

/** Russian. @internal */
export const ru: BotText = {
  bot: 'Ассистент',
  op: 'Анна',
  hi: 'Здравствуйте{name}! Я демо-ассистент{biz}. Чем могу помочь?',
  biz: ' для бизнеса',
  topics: ['Карты', 'Платежи', 'Приложение и вход', 'Безопасность'],
  person: 'Позвать оператора',
  more: 'Другие темы',
  answers: {
    cards: 'Заморозить или разморозить карту можно в приложении: Карты → Настройки. Потеряли карту? Заблокируйте её здесь:',
    payments: 'Переводы клиентам банка приходят сразу, в другие банки — в течение рабочего дня. Дольше? Оператор найдёт платёж.',
    app: 'Не получается войти? Нажмите «Забыли пароль?» на экране входа. Вход заблокирован? Подождите 30 минут или позовите оператора.',
    security: 'Мы никогда не спрашиваем в чате коды и пароли. Если кто-то спросил, заблокируйте карту и позовите оператора.',
    block: 'Готово: демо-карта •• 4242 заморожена. (На самом деле ничего не случилось: это демо.)',
    person: 'Конечно: нажмите кнопку, и к чату подключится человек.',
    thanks: 'Пожалуйста!',
    hello: 'Чем помочь? Выберите тему или напишите вопрос.',
    file: 'Файл получен. Оператор увидит его, если вы позовёте человека.',
  },
  card: ['Visa •• 4242', 'Дебетовая карта', 'Заблокировать', 'Помощь по картам'],
  sorry: ['Извините, я не понял. Выберите тему:', 'Снова не понял. Позвать оператора?'],
  prompt: 'Введите код из SMS',
  code: 'Демо-код: {code} (настоящий банк пришлёт его по SMS)',
  offline: 'Сейчас операторы не в сети. Оставьте сообщение, и мы ответим, когда вернёмся.',
  opHi: 'Здравствуйте, я {op}. Я прочитала переписку: чем помочь?',
  opSay: ['Сейчас проверю.', 'Спасибо, теперь вижу. Могу ещё чем-то помочь?'],
};
