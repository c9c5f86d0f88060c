import { mayBeSensitive } from '../../src/protocol/sensitive-hint';
import { describe, expect, it } from 'vitest';
import { findSensitive, luhnValid, maskSensitive, type SensitiveKind } from '../../src/protocol/sensitive';

/** Texts with something sensitive: the masked text expected, and the kinds found in order. */
const SENSITIVE: Array<[text: string, masked: string, kinds: SensitiveKind[]]> = [
  ['My card is 4111 1111 1111 1111, CVC 123', 'My card is •••• 1111, CVC •••', ['card', 'cvc']],
  ['4111111111111111', '•••• 1111', ['card']],
  ['card 4111-1111-1111-1111 please', 'card •••• 1111 please', ['card']],
  ['Mastercard 5555 5555 5555 4444', 'Mastercard •••• 4444', ['card']],
  ['amex 3782 822463 10005', 'amex •••• 0005', ['card']],
  ['Мир 2200 0000 0000 0004, срок 12/27', 'Мир •••• 0004, срок 12/27', ['card']],
  ['Discover 6011111111111117.', 'Discover •••• 1117.', ['card']],
  ['visa 4222222222222', 'visa •••• 2222', ['card']],
  ['paid 500 4111111111111111', 'paid 500 •••• 1111', ['card']],
  ['19 digits 4000 0000 0000 0000 006', '19 digits •••• 0006', ['card']],
  ['unionpay 6212 3456 7890 0000 02', 'unionpay •••• 0002', ['card']],
  ['4111 1111 1111 1111 123', '•••• 1111 •••', ['card', 'cvc']],
  ['карта 4276 3800 1234 5679 cvv 321', 'карта •••• 5679 cvv •••', ['card', 'cvc']],
  ['CVV2: 456', 'CVV2: •••', ['cvc']],
  ['код безопасности 789', 'код безопасности •••', ['cvc']],
  ['the security code is 1234', 'the security code is •••', ['cvc']],
  ['CVC-код 555', 'CVC-код •••', ['cvc']],
  ['my code is 482913', 'my code is •••', ['code']],
  ['код из смс 4829', 'код из смс •••', ['code']],
  ['Код: 123456', 'Код: •••', ['code']],
  ['OTP 7788', 'OTP •••', ['code']],
  ['PIN 1234', 'PIN •••', ['code']],
  ['мой пин-код 0000', 'мой пин-код •••', ['code']],
  ['смс-код 55443', 'смс-код •••', ['code']],
  ['пароль: qwerty123', 'пароль: •••', ['password']],
  ['my password is Tr0ub4dor!', 'my password is •••', ['password']],
  ['Password = hunter22', 'Password = •••', ['password']],
  ['passcode 9876', 'passcode •••', ['password']],
  ['ПАРОЛЬ: секрет2024', 'ПАРОЛЬ: •••', ['password']],
  ['two cards 4111111111111111 and 5555555555554444', 'two cards •••• 1111 and •••• 4444', ['card', 'card']],
  ['sms code: 1234, card 4012888888881881', 'sms code: •••, card •••• 1881', ['code', 'card']],
  ['4111 1111 1111 1111 12/27 123', '•••• 1111 12/27 •••', ['card', 'cvc']],
  ['4111111111111111 2027', '•••• 1111 2027', ['card']],
  ['your code 482 913', 'your code •••', ['code']],
  ['пароль от приложения: abc12345', 'пароль от приложения: •••', ['password']],
  ['password for the app: Secret99', 'password for the app: •••', ['password']],
];

/** Texts that must come through untouched. */
const PLAIN: string[] = [
  'Order 123456789012 has not arrived',
  'Order #98765 was charged twice',
  'I paid RUB 5,000.00 yesterday',
  'Списали 1 000 000 ₽',
  'Amount: 12 345,67',
  'Call me back: +44 20 7946 0958',
  'Позвоните 8 (800) 555-35-35',
  '+7 916 123-45-67',
  '+491512345678901',
  'On 2024-05-01 at 14:30',
  '01.02.2025',
  'Luhn-invalid 4111 1111 1111 1112',
  '4111111111111112',
  'Account 40817810099910004312',
  'Счёт 4081 7810 0999 1000 4312',
  'IBAN DE89 3704 0044 0532 0130 00',
  'IBAN GB82WEST12345698765432',
  'Industry 9 is not a card: 9111111111111110',
  'Telecom 8600123456789012',
  'I forgot my password',
  'my password is blocked',
  'пароль не подходит',
  'Как сменить пароль?',
  'Zip code 90210',
  'promo code 4455',
  'код ошибки 4031',
  'I got no code',
  'Код не пришёл',
  'code 12',
  'card ending 1111',
  'BIK 044525225, INN 7707083893',
  'The exchange rate is 92.45',
  'Tracking 1Z999AA10123456784',
  'ref ABC4111111111111111',
  'my password for online banking does not work',
  'Код из смс не приходит уже час',
  'code 482 9130',
];

describe('mayBeSensitive (the look that decides whether to load the detector)', () => {
  it.each(SENSITIVE)('says "look closer" for every text the detector masks: %j', (text) => {
    expect(mayBeSensitive(text)).toBe(true);
  });
  it('lets plain chat through without the detector', () => {
    for (const text of ['Hello, my card is blocked', 'Привет! Не работает приложение', 'I paid 50 euros', 'where is my order 12?']) {
      expect(mayBeSensitive(text)).toBe(false);
    }
  });
});

describe('findSensitive and maskSensitive', () => {
  it.each(SENSITIVE)('finds and masks %j', (text, masked, kinds) => {
    expect(maskSensitive(text)).toBe(masked);
    expect(findSensitive(text).map((f) => f.kind)).toEqual(kinds);
  });

  it.each(PLAIN)('leaves %j alone', (text) => {
    expect(findSensitive(text)).toEqual([]);
    expect(maskSensitive(text)).toBe(text);
  });

  it('lists at least 20 texts of each kind', () => {
    expect(SENSITIVE.length).toBeGreaterThanOrEqual(20);
    expect(PLAIN.length).toBeGreaterThanOrEqual(20);
  });

  it('reports ranges and the last four digits', () => {
    const text = 'My card is 4111 1111 1111 1111, CVC 123';
    const [card, cvc] = findSensitive(text);
    expect(card).toEqual({ kind: 'card', start: 11, end: 30, last4: '1111' });
    expect(text.slice(cvc!.start, cvc!.end)).toBe('123');
  });

  it('limits itself to the kinds asked for (the server masks cards and CVCs only)', () => {
    const text = 'card 4111111111111111 cvc 123, code 4829, пароль: qwerty123';
    expect(maskSensitive(text, { kinds: ['card', 'cvc'] })).toBe('card •••• 1111 cvc •••, code 4829, пароль: qwerty123');
    expect(findSensitive(text, { kinds: ['code'] }).map((f) => f.kind)).toEqual(['code']);
  });

  it('checks Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });

  it('stays fast on 100,000 characters of adversarial input', () => {
    const inputs = [
      '1 '.repeat(50_000),
      '4'.repeat(100_000),
      '4111 '.repeat(20_000),
      'code '.repeat(20_000),
      'пароль: '.repeat(12_500),
      'cvc 1'.repeat(20_000),
      '4111111111111111 '.repeat(5_880),
      `${'a'.repeat(99_990)} code 1234`,
      '1-'.repeat(50_000),
      'password is is is is '.repeat(5_000),
      'код 482 913 '.repeat(9_000),
      '4111111111111111 12/27 123 '.repeat(3_700),
    ];
    for (const input of inputs) {
      const started = performance.now();
      findSensitive(input);
      maskSensitive(input);
      // Linear work is tens of ms here (more on a cold, shared machine); a quadratic scan of
      // 100,000 characters takes many seconds, a backtracking pattern minutes.
      expect(performance.now() - started).toBeLessThan(2500);
    }
    expect(findSensitive('4111111111111111 '.repeat(5_880)).length).toBe(5_880);
  });
});
