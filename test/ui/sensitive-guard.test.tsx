// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n';
import type { UiConfig } from '../../src/ui';
import { mount, press, settle, type, type Mounted } from './helpers/mount';

const CARD = 'My card is 4111 1111 1111 1111, CVC 123';
const MASKED = 'My card is •••• 1111, CVC •••';

let m: Mounted | undefined;
afterEach(async () => {
  await m?.cleanup();
  m = undefined;
});

async function openChat(config: Partial<UiConfig> = {}): Promise<Mounted> {
  m = await mount({ config });
  m.$<HTMLButtonElement>('.sc-launcher')!.click();
  await settle();
  return m;
}

/** Types `text` and presses Enter; returns the field. */
async function typeAndEnter(text: string): Promise<HTMLTextAreaElement> {
  const input = m!.$<HTMLTextAreaElement>('textarea')!;
  type(input, text);
  await settle();
  press(input, 'Enter');
  await settle();
  return input;
}

const guard = () => m!.$('[role="alertdialog"]');
const button = (label: string) => m!.$$<HTMLButtonElement>('.sc-guard button').find((b) => b.textContent === label);

describe('sensitive-data guard', () => {
  it('holds a card number on Enter: shows the guard, sends nothing, keeps the draft, focuses "Mask and send"', async () => {
    await openChat();
    const input = await typeAndEnter(CARD);
    expect(m!.transport.sent).toHaveLength(0);
    expect(m!.chat.state.messages.value).toHaveLength(0);
    expect(input.value).toBe(CARD);
    expect(m!.chat.state.draft.value).toBe(CARD);
    const dialog = guard()!;
    expect(dialog).not.toBeNull();
    expect(dialog.getAttribute('aria-labelledby')).toBe('sc-guard-title');
    expect(m!.$('#sc-guard-title')!.textContent).toBe('This message contains private data');
    expect(m!.$$('.sc-guard-list li').map((li) => li.textContent)).toEqual(['a card number ending 1111', 'a card security code (CVC)']);
    expect(m!.$('.sc-guard-preview')!.textContent).toBe(`Will be sent as: ${MASKED}`);
    expect(m!.root.activeElement).toBe(button('Mask and send'));
    // Card data never goes out in clear: no "Send anyway".
    expect(button('Send anyway')).toBeUndefined();
  });

  it('"Mask and send" sends the masked text and clears the composer', async () => {
    await openChat();
    const input = await typeAndEnter(CARD);
    button('Mask and send')!.click();
    await settle();
    expect(m!.transport.sent.map((s) => s.text)).toEqual([MASKED]);
    expect(input.value).toBe('');
    expect(guard()).toBeNull();
    expect(m!.$('.sc-msg--out .sc-bubble')!.textContent).toBe(MASKED);
    expect(m!.root.activeElement).toBe(input);
  });

  it('"Edit" returns to the composer with the text kept and the number selected', async () => {
    await openChat();
    const input = await typeAndEnter(CARD);
    button('Edit')!.click();
    await settle();
    expect(guard()).toBeNull();
    expect(m!.transport.sent).toHaveLength(0);
    expect(input.value).toBe(CARD);
    expect(m!.root.activeElement).toBe(input);
    expect(CARD.slice(input.selectionStart, input.selectionEnd)).toBe('4111 1111 1111 1111');
  });

  it('Escape means Edit and leaves the dialog open', async () => {
    await openChat();
    const input = await typeAndEnter(CARD);
    press(button('Mask and send')!, 'Escape');
    await settle();
    expect(guard()).toBeNull();
    expect(m!.chat.state.isOpen.value).toBe(true);
    expect(input.value).toBe(CARD);
  });

  it('guards the Send button too', async () => {
    await openChat();
    const input = m!.$<HTMLTextAreaElement>('textarea')!;
    type(input, '5555555555554444');
    await settle();
    m!.$<HTMLButtonElement>('.sc-send')!.click();
    await settle();
    expect(m!.transport.sent).toHaveLength(0);
    expect(guard()).not.toBeNull();
  });

  it('goes away once the number is edited out, and then sends as typed', async () => {
    await openChat();
    const input = await typeAndEnter(CARD);
    type(input, 'My card ends in 1111');
    await settle();
    expect(guard()).toBeNull();
    press(input, 'Enter');
    await settle();
    expect(m!.transport.sent.map((s) => s.text)).toEqual(['My card ends in 1111']);
  });

  it('offers "Send anyway" for a code, with the fraud warning', async () => {
    await openChat();
    await typeAndEnter('my code is 482913');
    expect(m!.$$('.sc-guard-list li').map((li) => li.textContent)).toEqual(['a one-time code or PIN']);
    expect(m!.$('#sc-guard-body')!.textContent).toContain('anyone who does is a fraudster');
    button('Send anyway')!.click();
    await settle();
    expect(m!.transport.sent.map((s) => s.text)).toEqual(['my code is 482913']);
  });

  it('sends plain numbers at once', async () => {
    await openChat();
    await typeAndEnter('Order 123456789012: RUB 5,000.00, call +44 20 7946 0958');
    expect(guard()).toBeNull();
    expect(m!.transport.sent).toHaveLength(1);
  });

  it('is off with loadSensitive: undefined', async () => {
    await openChat({ loadSensitive: undefined });
    await typeAndEnter(CARD);
    expect(guard()).toBeNull();
    expect(m!.transport.sent.map((s) => s.text)).toEqual([CARD]);
  });

  it('speaks Russian', async () => {
    await openChat({ i18n: createI18n('ru') });
    await typeAndEnter('пароль: qwerty123');
    expect(m!.$('#sc-guard-title')!.textContent).toBe('В сообщении есть секретные данные');
    expect(m!.$$('.sc-guard-list li').map((li) => li.textContent)).toEqual(['пароль']);
    expect(button('Скрыть и отправить')).toBeDefined();
    expect(button('Исправить')).toBeDefined();
    button('Скрыть и отправить')!.click();
    await settle();
    expect(m!.transport.sent.map((s) => s.text)).toEqual(['пароль: •••']);
  });
});
