// @vitest-environment happy-dom
/**
 * The widget while waiting for a person (issue 9, item 7): the ETA counts down live and never
 * below "any moment now", a position change is announced once, "Leave the queue", "What the
 * operator will see" with the note, durable joined/left/closed lines in the customer's language
 * without doubles, and the operator's avatar or initials.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HandoffPreview } from '../../src/core/model';
import { createI18n } from '../../src/i18n';
import { ANNA, BOT, createFakeTransport, FULL_CAPABILITIES } from './helpers/emulator';
import { mount, settle, type, type Mounted } from './helpers/mount';

let m: Mounted | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await m?.cleanup();
  m = undefined;
});

const PREVIEW: HandoffPreview = {
  topic: 'cards',
  topicLabel: 'Cards',
  path: ['Cards', 'Block my card'],
  questions: ['My card was declined twice'],
  attachments: [{ name: 'receipt.png' }],
  pageUrl: 'https://bank.example/cards',
};

/** A widget over a transport that can leave the queue and preview the handoff. */
async function open(extra: { queueLeave?: boolean; handoffPreview?: boolean } = { queueLeave: true, handoffPreview: true }, locale = 'en') {
  const transport = createFakeTransport({ ...FULL_CAPABILITIES, queuePosition: true, ...extra });
  const calls = { cancel: 0, notes: [] as string[], previews: 0 };
  let note: string | undefined;
  Object.assign(transport, {
    async cancelHandoff() {
      calls.cancel++;
      // As the reference server does: no handoff, the conversation open again.
      transport.emit({ type: 'handoff', state: 'none', reason: 'cancelled_by_user' });
      transport.emit({ type: 'conversation', state: 'open', reason: 'cancelled_by_user' });
    },
    async handoffPreview() {
      calls.previews++;
      return { ...PREVIEW, ...(note ? { note } : {}) };
    },
    async setHandoffNote(text: string) {
      calls.notes.push(text);
      note = text || undefined;
      return { ...PREVIEW, ...(note ? { note } : {}) };
    },
  });
  m = await mount({ transport, config: { i18n: createI18n(locale) } });
  m.$<HTMLButtonElement>('.sc-launcher')!.click();
  await settle();
  return { m, transport, calls };
}

describe('queue banner', () => {
  it('counts the ETA down every second between updates, restarts on an update, and stops at "any moment now"', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'Date'] });
    const { m, transport } = await open();
    transport.emit({ type: 'handoff', state: 'queued' });
    transport.emit({ type: 'queue', queue: { position: 2, etaSeconds: 5 } });
    await settle();
    expect(m.$('.sc-queue-pos')!.textContent).toBe('You are number 2 in the queue');
    expect(m.$('.sc-queue-eta')!.textContent).toBe('Estimated wait 0:05');
    vi.advanceTimersByTime(2000);
    await settle();
    expect(m.$('.sc-queue-eta')!.textContent).toBe('Estimated wait 0:03');
    vi.advanceTimersByTime(10_000);
    await settle();
    expect(m.$('.sc-queue-eta')!.textContent).toBe('An operator will be with you any moment now');
    transport.emit({ type: 'queue', queue: { position: 1, etaSeconds: 90 } });
    await settle();
    expect(m.$('.sc-queue-pos')!.textContent).toBe('You are number 1 in the queue');
    expect(m.$('.sc-queue-eta')!.textContent).toBe('Estimated wait 1:30');
    // The ticking figure is not a live region.
    expect(m.$('.sc-queue')!.closest('[aria-live]')).toBeNull();
  });

  it('announces a change of position once (not each tick)', async () => {
    const { m, transport } = await open();
    const region = m.$('[role="status"]')!;
    transport.emit({ type: 'handoff', state: 'queued' });
    transport.emit({ type: 'queue', queue: { position: 3, etaSeconds: 270 } });
    await new Promise((r) => setTimeout(r, 700));
    expect(region.textContent).toBe('You are now number 3 in the queue');
    transport.emit({ type: 'queue', queue: { position: 2, etaSeconds: 180 } });
    await new Promise((r) => setTimeout(r, 700));
    expect(region.textContent).toBe('You are now number 2 in the queue');
    region.textContent = '';
    transport.emit({ type: 'queue', queue: { position: 2, etaSeconds: 170 } });
    await new Promise((r) => setTimeout(r, 700));
    expect(region.textContent).toBe('');
  });

  it('"Leave the queue" leaves it and focuses the composer; hidden without the capability', async () => {
    const { m, transport, calls } = await open();
    transport.emit({ type: 'handoff', state: 'queued' });
    transport.emit({ type: 'queue', queue: { position: 1, etaSeconds: 90 } });
    await settle();
    const leave = m.$<HTMLButtonElement>('.sc-queue-leave')!;
    expect(leave.textContent).toBe('Leave the queue');
    leave.click();
    await settle();
    expect(calls.cancel).toBe(1);
    expect(m.$('.sc-queue')).toBeNull();
    expect(m.root.activeElement).toBe(m.$('textarea.sc-input, .sc-composer textarea'));
    expect(m.$('.sc-chip--talk')).not.toBeNull();
    await m.cleanup();
    const without = await open({});
    without.transport.emit({ type: 'handoff', state: 'queued' });
    await settle();
    expect(without.m.$('.sc-queue')).not.toBeNull();
    expect(without.m.$('.sc-queue-leave')).toBeNull();
  });
});

describe('what the operator will see', () => {
  it('shows topic, choices, questions, files and page, and saves a note (trimmed, at most 1000 characters)', async () => {
    const { m, transport, calls } = await open();
    expect(m.$('.sc-preview')).toBeNull();
    transport.emit({ type: 'handoff', state: 'queued' });
    await settle(6);
    const toggle = m.$<HTMLButtonElement>('.sc-preview-toggle')!;
    expect(toggle.textContent).toContain('What the operator will see');
    expect(toggle.textContent).toContain('Cards');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await settle(6);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const body = m.root.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(body.hidden).toBe(false);
    const text = body.textContent!;
    for (const part of [
      'Cards',
      'Cards › Block my card',
      'My card was declined twice',
      '1 file: receipt.png',
      'https://bank.example/cards',
    ]) {
      expect(text).toContain(part);
    }
    const area = body.querySelector<HTMLTextAreaElement>('textarea')!;
    expect(area.maxLength).toBe(1000);
    expect(m.root.querySelector(`label[for="${area.id}"]`)!.textContent).toBe('Note for the operator (optional)');
    type(area, '  It happened at the pharmacy  ');
    await settle();
    body.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle(6);
    expect(calls.notes).toEqual(['It happened at the pharmacy']);
    expect(body.textContent).toContain('Note saved. The operator will read it first.');
    expect(calls.previews).toBeGreaterThan(0);
  });

  it('is hidden when the backend cannot preview, and once an operator joined', async () => {
    const { m, transport } = await open({ queueLeave: true });
    transport.emit({ type: 'handoff', state: 'queued' });
    await settle(6);
    expect(m.$('.sc-preview')).toBeNull();
    await m.cleanup();
    const other = await open();
    other.transport.emit({ type: 'handoff', state: 'queued' });
    await settle(6);
    expect(other.m.$('.sc-preview')).not.toBeNull();
    other.transport.emit({ type: 'participant', action: 'joined', participant: ANNA });
    other.transport.emit({ type: 'handoff', state: 'accepted' });
    await settle(6);
    expect(other.m.$('.sc-preview')).toBeNull();
  });
});

describe('in Russian', () => {
  it('the banner, the card and the lines speak Russian', async () => {
    const { m, transport } = await open(undefined, 'ru');
    transport.emit({ type: 'handoff', state: 'queued' });
    transport.emit({ type: 'queue', queue: { position: 2, etaSeconds: 180 } });
    await settle(6);
    expect(m.$('.sc-queue-pos')!.textContent).toBe('Ваш номер в очереди: 2');
    expect(m.$('.sc-queue-eta')!.textContent).toMatch(/^Примерное ожидание (3:00|2:59)$/);
    expect(m.$('.sc-queue-leave')!.textContent).toBe('Выйти из очереди');
    const toggle = m.$<HTMLButtonElement>('.sc-preview-toggle')!;
    expect(toggle.textContent).toContain('Что увидит оператор');
    toggle.click();
    await settle(6);
    expect(m.$('.sc-preview-body')!.textContent).toContain('1 файл: receipt.png');
    transport.emitIncoming({
      from: { id: 'system', role: 'system' },
      parts: [
        { kind: 'text', text: 'Anna joined the chat' },
        { kind: 'custom', type: 'swp.note', data: { kind: 'joined', name: 'Анна' } },
      ],
    });
    await settle(6);
    expect(m.$$('.sc-system').map((e) => e.textContent)).toContain('Анна теперь в чате');
  });
});

describe('durable lines and avatars', () => {
  const note = (kind: string, name?: string) => ({
    from: { id: 'system', role: 'system' as const },
    parts: [
      { kind: 'text' as const, text: `server text ${kind}` },
      { kind: 'custom' as const, type: 'swp.note', data: { kind, ...(name ? { name } : {}) } },
    ],
  });

  it('a recorded joined line is worded by the widget and not doubled by its own live note', async () => {
    const { m, transport } = await open();
    transport.incoming(BOT, 'Connecting you');
    transport.emit({ type: 'participant', action: 'joined', participant: { ...ANNA, name: 'Anna Petrova' } });
    const line = note('joined', 'Anna Petrova');
    transport.emitIncoming({ ...line });
    await settle(6);
    const lines = m.$$('.sc-system').map((e) => e.textContent);
    expect(lines).toEqual(['Anna Petrova joined the chat']);
  });

  it('shows initials for an operator without a photo, the photo (http/https only) otherwise; both decorative', async () => {
    const { m, transport } = await open();
    transport.emit({ type: 'participant', action: 'joined', participant: { ...ANNA, name: 'Anna Petrova' } });
    transport.incoming({ ...ANNA, name: 'Anna Petrova' }, 'Hello!');
    await settle(6);
    const header = m.$('.sc-avatar--header')!;
    expect(header.getAttribute('aria-hidden')).toBe('true');
    expect(header.textContent).toBe('AP');
    expect(m.$('.sc-avatar--agent')!.textContent).toBe('AP');
    expect(m.$('.sc-title')!.textContent).toBe('Support');
    transport.emit({ type: 'participant', action: 'left', participant: ANNA });
    transport.emit({
      type: 'participant',
      action: 'joined',
      participant: { id: 'op-2', role: 'agent', name: 'Boris', avatarUrl: 'javascript:alert(1)' },
    });
    await settle(6);
    expect(m.$('.sc-avatar--header img')).toBeNull();
    expect(m.$('.sc-avatar--header')!.textContent).toBe('B');
    transport.emit({
      type: 'participant',
      action: 'joined',
      participant: { id: 'op-3', role: 'agent', name: 'Vera', avatarUrl: 'https://cdn.example/v.png' },
    });
    await settle(6);
    const img = m.$<HTMLImageElement>('.sc-avatar--header img')!;
    expect(img.getAttribute('src')).toBe('https://cdn.example/v.png');
    expect(img.getAttribute('alt')).toBe('');
  });
});
