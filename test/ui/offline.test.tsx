// @vitest-environment happy-dom
/**
 * The offline card: when people are back (one phrase with the status line), the emergency line,
 * the leave-a-message form (client-side checks, the server's refusal, the callback time) and the
 * confirmation; never a spinner.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TransportError } from '../../src/core/errors';
import type { LeaveContactRequest } from '../../src/core/model';
import { createI18n } from '../../src/i18n';
import { formatReturnTime } from '../../src/protocol/when';
import { createFakeTransport, FULL_CAPABILITIES, type FakeTransport } from './helpers/emulator';
import { mount, settle, type Mounted } from './helpers/mount';

let m: Mounted | undefined;
afterEach(async () => {
  await m?.cleanup();
  m = undefined;
});

const PHONE = '+44 20 7946 0000';

/** A backend with the leave-a-message step that records (or refuses) contacts. */
function offlineBackend(refuse?: TransportError): { transport: FakeTransport; left: LeaveContactRequest[] } {
  const transport = createFakeTransport({ ...FULL_CAPABILITIES, leaveMessage: true, emergencyPhone: PHONE });
  const left: LeaveContactRequest[] = [];
  transport.leaveContact = async (request) => {
    if (refuse) throw refuse;
    left.push(request);
  };
  return { transport, left };
}

async function openOffline(transport: FakeTransport, locale: 'en' | 'ru' = 'en'): Promise<{ mounted: Mounted; nextOpenAt: string }> {
  m = await mount({ transport, config: { i18n: createI18n(locale) } });
  m.$<HTMLButtonElement>('.sc-launcher')!.click();
  await settle();
  const nextOpenAt = new Date(Date.now() + 3600_000).toISOString();
  transport.emit({ type: 'availability', availability: { operatorsOnline: false, nextOpenAt } });
  transport.emit({ type: 'handoff', state: 'offline', reason: 'outside_hours', availability: { operatorsOnline: false, nextOpenAt } });
  await settle();
  return { mounted: m, nextOpenAt };
}

async function setValue(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string, event = 'input'): Promise<void> {
  el.value = value;
  el.dispatchEvent(new Event(event, { bubbles: true }));
  await settle();
}

/** Waits for a condition (the live region speaks after its burst window). */
async function until(test: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function submit(mounted: Mounted): Promise<void> {
  mounted.$('.sc-leave')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  await settle();
}

describe('offline card', () => {
  it('says when people are back in the status line’s words, offers the emergency line, and never spins', async () => {
    const { transport } = offlineBackend();
    const { mounted, nextOpenAt } = await openOffline(transport);
    const when = formatReturnTime(nextOpenAt, 'en');
    const card = mounted.$('.sc-offline')!;
    expect(card.textContent).toContain('Our operators are offline');
    expect(card.textContent).toContain(`They are back ${when}.`);
    expect(mounted.$('.sc-status-text')!.textContent).toBe(`Back ${when}`);
    const tel = mounted.$<HTMLAnchorElement>('.sc-offline-urgent a')!;
    expect(tel.getAttribute('href')).toBe('tel:+442079460000');
    expect(tel.getAttribute('rel')).toBe('noopener noreferrer');
    expect(tel.textContent).toBe(PHONE);
    expect(mounted.$('.sc-spinner')).toBeNull();
    expect(mounted.$('.sc-banner')).toBeNull();
    // The card is the way to a person now: no second "Talk to a person" that would only spin.
    expect(mounted.$('.sc-chip--talk')).toBeNull();
    expect(mounted.$('label[for="sc-lm-contact"]')!.textContent).toBe('E-mail or phone');
  });

  it('asking for a person while nobody is on shift shows no "Connecting…" spinner, even before the answer', async () => {
    const { transport } = offlineBackend();
    m = await mount({ transport });
    m.$<HTMLButtonElement>('.sc-launcher')!.click();
    transport.emit({ type: 'availability', availability: { operatorsOnline: false } });
    await settle();
    const asked = m.chat.requestHandoff();
    await settle();
    expect(m.chat.state.handoff.value.state).toBe('requested');
    expect(m.$('.sc-spinner')).toBeNull();
    expect(m.root.textContent).not.toContain('Connecting you to a person');
    await asked;
  });

  it('prefills the message from what the customer wrote and checks the contact before sending', async () => {
    const { transport, left } = offlineBackend();
    m = await mount({ transport });
    transport.emitIncoming({ from: { id: 'u', role: 'user' }, text: 'My card was blocked abroad' });
    await settle();
    m.$<HTMLButtonElement>('.sc-launcher')!.click();
    transport.emit({ type: 'handoff', state: 'offline', availability: { operatorsOnline: false } });
    await settle();
    expect(m.$<HTMLTextAreaElement>('#sc-lm-note')!.value).toBe('My card was blocked abroad');
    expect(m.$('.sc-offline')!.textContent).not.toContain('They are back');

    await submit(m);
    expect(m.$('.sc-leave-error')!.textContent).toBe('Enter an e-mail or a phone number.');
    await setValue(m.$<HTMLInputElement>('#sc-lm-contact')!, 'ann@example');
    await submit(m);
    expect(m.$('.sc-leave-error')!.textContent).toBe('Check the e-mail address.');
    expect(m.$('#sc-lm-contact')!.getAttribute('aria-invalid')).toBe('true');
    expect(m.$('#sc-lm-window')).toBeNull(); // no callback time for an e-mail
    await setValue(m.$<HTMLInputElement>('#sc-lm-contact')!, '12-34');
    await settle();
    await submit(m);
    expect(m.$('.sc-leave-error')!.textContent).toBe('Check the phone number: 7 to 15 digits.');
    expect(left).toEqual([]);
  });

  it('a phone with a set callback time → leaveContact → the confirmation says what happens next', async () => {
    const { transport, left } = offlineBackend();
    const { mounted, nextOpenAt } = await openOffline(transport);
    await setValue(mounted.$<HTMLInputElement>('#sc-lm-contact')!, '+44 (20) 7946-0018');
    await settle();
    await setValue(mounted.$<HTMLSelectElement>('#sc-lm-window')!, 'at', 'change');
    await settle();
    await setValue(mounted.$<HTMLInputElement>('#sc-lm-time')!, '18:30');
    await setValue(mounted.$<HTMLTextAreaElement>('#sc-lm-note')!, 'Card blocked abroad');
    await submit(mounted);
    expect(left).toEqual([{ contact: { phone: '+442079460018' }, callbackWindow: '18:30', note: 'Card blocked abroad' }]);
    expect(mounted.$<HTMLButtonElement>('.sc-leave-send')!.disabled).toBe(true);

    transport.emit({ type: 'handoff', state: 'offline', reason: 'contact_left', availability: { operatorsOnline: false, nextOpenAt } });
    await settle();
    const card = mounted.$('.sc-offline')!;
    expect(mounted.$('.sc-leave')).toBeNull();
    expect(card.textContent).toContain('Message left');
    expect(card.textContent).toContain(`An operator of the next shift (it starts ${formatReturnTime(nextOpenAt, 'en')}) will reply here.`);
    expect(card.textContent).toContain('We will call you at +442079460018 (18:30).');
    expect(mounted.root.activeElement).toBe(mounted.$('.sc-offline-title'));
    const region = mounted.$('[role="status"]')!;
    await until(() => region.textContent!.includes('Message left. An operator of the next shift'));
  });

  it('shows the server’s refusal of a contact at the field', async () => {
    const refuse = new TransportError('fake', 'invalid', '"contact.email" is not a valid e-mail address', { retryable: false });
    const { transport } = offlineBackend(refuse);
    const { mounted } = await openOffline(transport);
    await setValue(mounted.$<HTMLInputElement>('#sc-lm-contact')!, 'ann@example.com');
    await submit(mounted);
    await settle();
    expect(mounted.$('.sc-leave-error')!.textContent).toBe('Check the e-mail address.');
    expect(mounted.$<HTMLButtonElement>('.sc-leave-send')!.disabled).toBe(false);
  });

  it('speaks Russian, and without the leave-a-message step keeps the person button and says messages are kept', async () => {
    const transport = createFakeTransport({ ...FULL_CAPABILITIES });
    const { mounted, nextOpenAt } = await openOffline(transport, 'ru');
    const card = mounted.$('.sc-offline')!;
    expect(card.textContent).toContain(`Они вернутся ${formatReturnTime(nextOpenAt, 'ru')}.`);
    expect(card.textContent).toContain('Ваши сообщения сохранятся до следующей смены.');
    expect(mounted.$('.sc-leave')).toBeNull();
    expect(mounted.$('.sc-offline-urgent')).toBeNull();
    expect(mounted.$('.sc-chip--talk')).not.toBeNull();
  });
});
