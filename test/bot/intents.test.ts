/**
 * Realistic questions, typos and colloquial phrasing included, with the intent the bot must find
 * (`BotOutput.intent`: `node:<id>`, `verify:<flow>`, `urgent:<case>`, `callback`, `human`, ...).
 * Every row is asserted; the share that falls back to "didn't understand" is printed per language.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createBot, type BotContext } from '../../server/bot/index';

/** Segment, what the person typed, the intent expected. */
type Row = [BotContext['segment'], string, string];

const EN: Row[] = [
  ['private', 'someone stole money from my account', 'urgent:fraud'],
  ['private', 'I think I was scammed', 'urgent:fraud'],
  ['private', 'fraud!!', 'urgent:fraud'],
  ['private', 'frod on my acount', 'urgent:fraud'],
  ['private', 'there is a payment i didnt make', 'urgent:fraud'],
  ['private', 'money disappeared from my account overnight', 'urgent:fraud'],
  ['private', 'my account was hacked', 'urgent:fraud'],
  ['business', 'fraudsters took money from our company account', 'urgent:fraud'],
  ['private', 'scam call', 'urgent:call'],
  ['private', 'a man called me from the security service and I told him the code', 'urgent:call'],
  ['private', 'I gave the sms code to someone on the phone', 'urgent:call'],
  ['private', 'got a call from "the bank" asking to move money to a safe account', 'urgent:call'],
  ['business', 'someone called pretending to be the bank', 'urgent:call'],
  ['private', 'lost my card', 'urgent:card'],
  ['private', 'card stolen', 'urgent:card'],
  ['private', 'I LOST my card!!!', 'urgent:card'],
  ['private', 'my wallet was stolen with all my cards', 'urgent:card'],
  ['private', "can't find my card anywhere", 'urgent:card'],
  ['private', 'the atm swallowed my card', 'urgent:card'],
  ['private', 'i lost my card, get me an operator', 'urgent:card'],
  ['private', 'Please call me back: +44 20 7946 0000', 'callback'],
  ['private', 'can you call me back tomorrow morning?', 'callback'],
  ['business', 'please ring me on 07700 900123', 'callback'],
  ['private', 'I was charged twice at the supermarket', 'node:payments-dispute'],
  ['private', 'double charge from a merchant', 'node:payments-dispute'],
  ['private', 'the shop charged me the wrong amount, I want a refund', 'node:payments-dispute'],
  ['private', 'can I get a mortgage?', 'node:loans-mortgage'],
  ['private', 'morgage for a flat', 'node:loans-mortgage'],
  ['private', 'I need a loan', 'node:loans-cash'],
  ['private', 'how do I raise my card limit', 'node:cards-limit-raise'],
  ['private', 'increase transfer limit please', 'node:cards-limit-raise'],
  ['private', 'how to send money abroad', 'node:payments-abroad'],
  ['private', 'international transfer with IBAN', 'node:payments-abroad'],
  ['private', 'I need a bank statement for a visa', 'node:payments-statement'],
  ['private', 'where do i get my account statement', 'node:payments-statement'],
  ['private', 'block my card', 'verify:block-card'],
  ['private', 'reissue the card please, it is damaged', 'verify:reissue-card'],
  ['private', 'why is my card blocked?', 'node:cards-blocked'],
  ['private', 'what is the transfer limit?', 'node:payments-limits'],
  ['private', "my transfer hasn't arrived", 'node:payments-missing'],
  ['private', 'forgot my passwrd', 'node:app-password'],
  ['private', "can't log in to the app", 'node:app-login'],
  ['private', 'where is my cashback', 'node:cashback-missing'],
  ['private', 'I lost my phone', 'node:security-lost-phone'],
  ['private', 'deposit interest rates', 'node:deposits'],
  ['private', 'what are the fees for transfers to another bank', 'node:payments-fees'],
  ['private', 'change my PIN', 'node:cards-pin'],
  ['business', 'account statement for last quarter', 'node:documents-statements'],
  ['business', 'pay a supplier in china in yuan', 'node:currency-payment'],
  ['business', 'salary for employees', 'node:biz-payments-payroll'],
  ['private', "I don't get the SMS code to log in", 'node:app-login'],
  ['private', 'someone is using my card', 'urgent:fraud'],
  ['private', 'I transferred money to a scammer', 'urgent:fraud'],
  ['private', 'I entered my card details on a fake site', 'urgent:fraud'],
  ['private', 'how much is a mortgage', 'node:loans-mortgage'],
  ['private', 'misplaced my card', 'urgent:card'],
  ['private', 'left my card in the atm', 'urgent:card'],
  ['private', 'I shared my otp', 'urgent:call'],
  ['private', 'i think someone has my card details', 'urgent:fraud'],
  ['private', 'bank called me asking for my pin', 'urgent:call'],
  ['private', 'my card expires soon', 'verify:reissue-card'],
  ['private', 'interest rate on savings', 'node:deposits'],
  ['private', 'contact me please', 'callback'],
  ['private', 'I need to send money to my son abroad', 'node:payments-abroad'],
  ['private', 'my card payment was declined', 'node:cards-blocked'],
  ['private', 'how do I recognise a scam?', 'node:security-calls'],
  ['private', 'I want to talk to a human', 'human'],
  ['private', 'I want to make a complaint', 'human'],
  ['private', 'hello', 'smalltalk:greeting'],
  ['private', 'asdf qwerty', 'fallback'],
  ['private', 'what is the weather like', 'fallback'],
];
const RU: Row[] = [
  ['private', 'мошенники списали деньги', 'urgent:fraud'],
  ['private', 'мошеники сняли все деньги с карты', 'urgent:fraud'],
  ['private', 'у меня украли деньги со счёта', 'urgent:fraud'],
  ['private', 'с карты списали деньги без моего ведома', 'urgent:fraud'],
  ['private', 'меня развели на деньги', 'urgent:fraud'],
  ['private', 'взломали личный кабинет', 'urgent:fraud'],
  ['private', 'пропали деньги со счета', 'urgent:fraud'],
  ['private', 'я не совершал этот перевод', 'urgent:fraud'],
  ['business', 'мошенники увели деньги с расчётного счёта', 'urgent:fraud'],
  ['private', 'мне позвонили из службы безопасности, я назвал код', 'urgent:call'],
  ['private', 'сказал код из смс незнакомому человеку', 'urgent:call'],
  ['private', 'звонили якобы из банка, просили перевести на безопасный счёт', 'urgent:call'],
  ['private', 'позвонил мужчина, представился сотрудником банка', 'urgent:call'],
  ['business', 'нам позвонили из службы безопастности банка', 'urgent:call'],
  ['private', 'потерял карту', 'urgent:card'],
  ['private', 'украли карту', 'urgent:card'],
  ['private', 'я потеряла карточку', 'urgent:card'],
  ['private', 'у меня украли кошелёк с картой', 'urgent:card'],
  ['private', 'не могу найти карту', 'urgent:card'],
  ['private', 'банкомат съел карту', 'urgent:card'],
  ['private', 'Здравствуйте, у меня украли карту', 'urgent:card'],
  ['private', 'Перезвоните мне, пожалуйста', 'callback'],
  ['private', 'можете перезвонить на +7 916 123-45-67?', 'callback'],
  ['business', 'закажите обратный звонок', 'callback'],
  ['private', 'списали деньги дважды за одну покупку', 'node:payments-dispute'],
  ['private', 'магазин списал два раза', 'node:payments-dispute'],
  ['private', 'хочу оспорить покупку и вернуть деньги', 'node:payments-dispute'],
  ['private', 'можно ли оформить ипотеку', 'node:loans-mortgage'],
  ['private', 'ипотека на квартиру', 'node:loans-mortgage'],
  ['private', 'хочу взять кредит', 'node:loans'],
  ['private', 'как повысить лимит по карте', 'node:cards-limit-raise'],
  ['private', 'увеличьте лимит на переводы', 'node:cards-limit-raise'],
  ['private', 'как перевести деньги за границу', 'node:payments-abroad'],
  ['private', 'перевод в другую страну по swift', 'node:payments-abroad'],
  ['private', 'нужна выписка по счёту для визы', 'node:payments-statement'],
  ['private', 'где взять справку об остатке', 'node:payments-statement'],
  ['private', 'заблокируйте карту', 'verify:block-card'],
  ['private', 'хочу перевыпустить карту', 'verify:reissue-card'],
  ['private', 'карта заблокирована, что делать?', 'node:cards-blocked'],
  ['private', 'лимит на переводы?', 'node:payments-limits'],
  ['private', 'перевод не пришёл', 'node:payments-missing'],
  ['private', 'забыл пароль', 'node:app-password'],
  ['private', 'не могу войти в приложение', 'node:app-login'],
  ['private', 'Где мой кэшбэк???', 'node:cashback-missing'],
  ['private', 'хочу открыть вклад', 'node:deposits'],
  ['private', 'сменить пин код', 'node:cards-pin'],
  ['business', 'нужна выписка', 'node:documents-statements'],
  ['business', 'какие у вас тарифы', 'node:accounts-tariffs'],
  ['business', 'счёт заблокировали по 115-ФЗ', 'node:accounts-restrictions'],
  ['business', 'поставить контракт на учёт', 'node:currency-contract'],
  ['private', 'не приходит смс с кодом для входа', 'node:app-login'],
  ['private', 'перевёл деньги мошенникам', 'urgent:fraud'],
  ['private', 'пришло смс с кодом, я ничего не делал', 'urgent:call'],
  ['private', 'ввёл данные карты на левом сайте', 'urgent:fraud'],
  ['private', 'сколько стоит ипотека', 'node:loans-mortgage'],
  ['private', 'карту спёрли', 'urgent:card'],
  ['private', 'выронил где-то карту', 'urgent:card'],
  ['private', 'кинули на деньги', 'urgent:fraud'],
  ['private', 'списание которое я не делал', 'urgent:fraud'],
  ['private', 'мне кинули деньги на карту, а они не пришли', 'node:payments-missing'],
  ['private', 'сообщил пин код по телефону', 'urgent:call'],
  ['private', 'сколько процентов по вкладу', 'node:deposits'],
  ['private', 'свяжитесь со мной', 'callback'],
  ['private', 'как распознать мошенников', 'node:security-calls'],
  ['private', 'сколько стоит перевод за границу', 'node:payments-abroad'],
  ['private', 'позовите живого человека', 'human'],
  ['private', 'хочу написать жалобу', 'human'],
  ['private', 'добрый день', 'smalltalk:greeting'],
  ['private', 'фывапролдж', 'fallback'],
  ['private', 'какая сегодня погода', 'fallback'],
];

const bot = createBot();
const fallbacks: Record<string, string[]> = { en: [], ru: [] };

describe.each([
  ['en', EN],
  ['ru', RU],
] as const)('intents (%s)', (locale, rows) => {
  it('has at least 40 questions', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
  });

  it.each(rows)('%s: "%s" → %s', (segment, text, expected) => {
    const ctx: BotContext = { locale, segment, verified: false, operatorsOnline: true };
    const out = bot.reply(ctx, {}, { text });
    if (out.intent?.startsWith('fallback')) fallbacks[locale]?.push(text);
    expect(out.intent).toBe(expected);
    expect(out.messages.length).toBeGreaterThan(0);
    // Urgent cases, and only they, are flagged for the queue.
    expect(out.priority === 'urgent').toBe(expected.startsWith('urgent:'));
  });
});

afterAll(() => {
  for (const [locale, rows] of [
    ['en', EN],
    ['ru', RU],
  ] as const) {
    const missed = fallbacks[locale] ?? [];
    const share = ((missed.length / rows.length) * 100).toFixed(1);
    console.log(
      `bot intents ${locale}: ${rows.length} questions, ${missed.length} (${share}%) fall back to "didn't understand": ${JSON.stringify(missed)}`,
    );
  }
});
