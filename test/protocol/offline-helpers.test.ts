/** The shared rules of leave-a-message: contact validation and the one "when people are back" phrase. */
import { describe, expect, it } from 'vitest';
import { checkContact, isCallbackWindow, normalizeEmail, normalizePhone } from '../../src/protocol/contact';
import { checkWelcome } from '../../src/protocol/server-frames';
import { formatReturnTime, isTimeZone } from '../../src/protocol/when';
import { welcomeToEvents } from '../../src/transports/swp/map';

describe('contact validation', () => {
  it('accepts real e-mail addresses and refuses the rest', () => {
    for (const ok of ['ann@example.com', ' a.b+tag@mail.example.co.uk ', 'иван@почта.рф']) expect(normalizeEmail(ok)).toBe(ok.trim());
    for (const bad of ['ann@', '@example.com', 'ann@example', 'ann example@x.com', 'ann@@x.com', 'a@b.c', 'ann@x.123'])
      expect(normalizeEmail(bad)).toBeUndefined();
  });

  it('normalizes phone numbers of 7 to 15 digits and refuses the rest', () => {
    expect(normalizePhone('+44 (20) 7946-0018')).toBe('+442079460018');
    expect(normalizePhone('8 916 123-45-67')).toBe('89161234567');
    expect(normalizePhone('+7.916.123.45.67')).toBe('+79161234567');
    for (const bad of ['12-34', '+1 23', 'call me', '+44 20 7946 0018 ext 5', '1234567890123456'])
      expect(normalizePhone(bad)).toBeUndefined();
  });

  it('needs an e-mail or a phone; names the first bad one', () => {
    expect(checkContact({})).toEqual({ ok: false, problem: 'missing' });
    expect(checkContact({ email: ' ', phone: '' })).toEqual({ ok: false, problem: 'missing' });
    expect(checkContact({ email: 'x' })).toEqual({ ok: false, problem: 'email' });
    expect(checkContact({ email: 'ann@example.com', phone: '12' })).toEqual({ ok: false, problem: 'phone' });
    expect(checkContact({ email: 'ann@example.com', phone: '+44 20 7946 0018' })).toEqual({
      ok: true,
      contact: { email: 'ann@example.com', phone: '+442079460018' },
    });
  });

  it('callback windows: named ones or a time HH:MM', () => {
    for (const ok of ['any', 'morning', 'afternoon', 'evening', '09:30', '18:00', '23:59']) expect(isCallbackWindow(ok)).toBe(true);
    for (const bad of ['night', '24:00', '9:30', '18:60', '', 7]) expect(isCallbackWindow(bad)).toBe(false);
  });
});

describe('formatReturnTime', () => {
  // Tuesday 2026-12-01 22:00 UTC.
  const now = Date.parse('2026-12-01T22:00:00Z');
  const at = (iso: string, locale: string, timeZone = 'UTC') => formatReturnTime(iso, locale, { now, timeZone });

  it('today, tomorrow, a weekday, a date: in English and Russian', () => {
    expect(at('2026-12-01T23:30:00Z', 'en-GB')).toBe('today at 23:30');
    expect(at('2026-12-02T09:00:00Z', 'en')).toBe('tomorrow at 9:00 AM');
    expect(at('2026-12-04T09:00:00Z', 'en-GB')).toBe('on Friday at 09:00');
    expect(at('2026-12-20T09:00:00Z', 'en-GB')).toBe('on 20 December at 09:00');
    expect(at('2026-12-01T23:30:00Z', 'ru')).toBe('сегодня в 23:30');
    expect(at('2026-12-02T09:00:00Z', 'ru')).toBe('завтра в 09:00');
    const sunday = Date.parse('2026-11-29T12:00:00Z');
    expect(formatReturnTime('2026-12-01T09:00:00Z', 'ru', { now: sunday, timeZone: 'UTC' })).toBe('во вторник в 09:00');
    expect(at('2026-12-05T09:00:00Z', 'ru')).toBe('в субботу в 09:00');
    expect(at('2026-12-20T09:00:00Z', 'ru')).toBe('20 декабря в 09:00');
  });

  it('counts days in the reader’s zone, and names the zone when asked', () => {
    // 23:30 UTC on Tuesday is already Wednesday 02:30 in Moscow, where it is 01:00 now: today.
    expect(at('2026-12-01T23:30:00Z', 'ru', 'Europe/Moscow')).toBe('сегодня в 02:30');
    expect(formatReturnTime('2026-12-02T09:00:00Z', 'en-GB', { now, timeZone: 'UTC', zoneName: true })).toBe('tomorrow at 09:00 UTC');
    expect(formatReturnTime('not a date', 'en')).toBe('');
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('welcome.conversation.handoffReason', () => {
  it('survives the client’s welcome check, so a reconnect keeps "contact left"', () => {
    const welcome = {
      t: 'welcome',
      ref: 'h',
      sessionId: 's',
      sessionToken: 'tok',
      conversationId: 'c1',
      resumed: true,
      cursor: '7',
      heartbeatMs: 25_000,
      capabilities: { leaveMessage: true, emergencyPhone: '+44 20 7946 0000' },
      conversation: { id: 'c1', state: 'open', handoff: 'offline', lastSeq: 7, handoffReason: 'contact_left' },
      availability: { operatorsOnline: false },
      user: { id: 's', role: 'user', verified: false },
    };
    const checked = checkWelcome(welcome);
    if (!checked.ok) throw new Error(checked.reason);
    expect(checked.value.conversation.handoffReason).toBe('contact_left');
    expect(checked.value.capabilities).toMatchObject({ leaveMessage: true, emergencyPhone: '+44 20 7946 0000' });
    expect(welcomeToEvents(checked.value)).toContainEqual({ type: 'handoff', state: 'offline', reason: 'contact_left' });
  });
});

describe('callbackRequestOf (server)', () => {
  it('finds the number and the window of a request to be called back, in English and Russian', async () => {
    const { callbackRequestOf } = await import('../../server/domain/offline');
    expect(callbackRequestOf('Please call me back: +44 20 7946 0018')).toEqual({ phone: '+442079460018' });
    expect(callbackRequestOf('can you ring me on 07700 900123 in the morning?')).toEqual({
      phone: '07700900123',
      callbackWindow: 'morning',
    });
    expect(callbackRequestOf('Перезвоните, пожалуйста, +7 916 123-45-67 вечером')).toEqual({
      phone: '+79161234567',
      callbackWindow: 'evening',
    });
    expect(callbackRequestOf('Позвоните мне на 89161234567 в 9:15')).toEqual({ phone: '89161234567', callbackWindow: '09:15' });
    // Not a callback request, or no number in it.
    expect(callbackRequestOf('My order 12345678 has not arrived')).toBeUndefined();
    expect(callbackRequestOf('Please call me back')).toBeUndefined();
    expect(callbackRequestOf('Someone called me and asked for the code 123456')).toBeUndefined();
  });
});
