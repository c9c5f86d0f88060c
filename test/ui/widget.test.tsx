// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TransportError } from '../../src/core/errors';
import type { AttachmentRef } from '../../src/core/model';
import { ANNA, BOT, createFakeTransport, rejection } from './helpers/emulator';
import { mount, press, settle, type, type Mounted } from './helpers/mount';

let m: Mounted | undefined;
afterEach(async () => {
  await m?.cleanup();
  m = undefined;
  vi.restoreAllMocks();
});

/** Stubs URL.createObjectURL/revokeObjectURL (happy-dom has no blob store) and records revokes. */
function stubObjectUrls(): { revoked: string[] } {
  const revoked: string[] = [];
  let n = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => `blob:preview/${++n}`);
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void revoked.push(url));
  return { revoked };
}

async function openChat(): Promise<Mounted> {
  m = await mount();
  m.$<HTMLButtonElement>('.sc-launcher')!.click();
  await settle();
  return m;
}

describe('launcher', () => {
  it('toggles the dialog and aria-expanded, and controls the dialog', async () => {
    m = await mount();
    const launcher = m.$<HTMLButtonElement>('.sc-launcher')!;
    expect(launcher.tagName).toBe('BUTTON');
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(launcher.textContent).toContain('Open chat');
    launcher.click();
    await settle();
    expect(m.chat.state.isOpen.value).toBe(true);
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    expect(launcher.textContent).toContain('Close chat');
    const dialog = m.$('[role="dialog"]')!;
    expect(dialog.id).toBe(launcher.getAttribute('aria-controls'));
    expect(m.root.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe('Support');
    launcher.click();
    await settle();
    expect(m.chat.state.isOpen.value).toBe(false);
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(m.$('.sc-panel-host')!.hidden).toBe(true);
  });

  it('shows the unread count with an accessible text', async () => {
    m = await mount();
    expect(m.$('.sc-badge')).toBeNull();
    // An operator's messages (the bot's count once the person engaged; its welcome never before).
    m.transport.incoming(ANNA, 'one');
    m.transport.incoming(ANNA, 'two');
    m.transport.incoming(ANNA, 'three');
    await settle();
    const badge = m.$('.sc-badge')!;
    expect(badge.querySelector('[aria-hidden="true"]')!.textContent).toBe('3');
    expect(badge.querySelector('.sc-vh')!.textContent).toBe('3 unread messages');
    m.$<HTMLButtonElement>('.sc-launcher')!.click();
    await settle();
    expect(m.$('.sc-badge')).toBeNull();
  });

  it('uses the configured side and offsets through CSS custom properties', async () => {
    m = await mount({ config: { position: 'bottom-left', offset: { x: 12, y: 34 }, primaryColor: '#ffcc00' } });
    expect(m.$('.sc-root')!.classList.contains('sc-root--left')).toBe(true);
    expect(m.host.style.getPropertyValue('--sc-offset-x')).toBe('12px');
    expect(m.host.style.getPropertyValue('--sc-offset-y')).toBe('34px');
    expect(m.host.style.getPropertyValue('--sc-primary')).toBe('#ffcc00');
    // Yellow needs dark text for 4.5:1.
    expect(m.host.style.getPropertyValue('--sc-primary-contrast')).toBe('#111827');
  });
});

describe('colour scheme', () => {
  it('resolves dark and auto onto the root', async () => {
    m = await mount({ config: { colorScheme: 'dark' } });
    expect(m.$('.sc-root')!.getAttribute('data-scheme')).toBe('dark');
    await m.cleanup();
    m = await mount({ config: { colorScheme: 'auto' } });
    const expected = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    expect(m.$('.sc-root')!.getAttribute('data-scheme')).toBe(expected);
  });
});

describe('composer', () => {
  it('sends on Enter and not on Shift+Enter', async () => {
    await openChat();
    const input = m!.$<HTMLTextAreaElement>('textarea')!;
    type(input, 'hello');
    await settle();
    const shift = press(input, 'Enter', { shiftKey: true });
    expect(shift.defaultPrevented).toBe(false);
    await settle();
    expect(m!.transport.sent).toHaveLength(0);
    press(input, 'Enter');
    await settle();
    expect(m!.transport.sent.map((s) => s.text)).toEqual(['hello']);
    expect(input.value).toBe('');
    expect(m!.$('.sc-msg--out .sc-bubble')!.textContent).toBe('hello');
  });

  it('does not send while an IME is composing', async () => {
    await openChat();
    const input = m!.$<HTMLTextAreaElement>('textarea')!;
    type(input, 'にほん');
    await settle();
    press(input, 'Enter', { isComposing: true });
    input.dispatchEvent(new Event('compositionstart', { bubbles: true }));
    press(input, 'Enter');
    await settle();
    expect(m!.transport.sent).toHaveLength(0);
    input.dispatchEvent(new Event('compositionend', { bubbles: true }));
    press(input, 'Enter');
    await settle();
    expect(m!.transport.sent.map((s) => s.text)).toEqual(['にほん']);
  });

  it('cannot send empty or blank text', async () => {
    await openChat();
    const input = m!.$<HTMLTextAreaElement>('textarea')!;
    const send = m!.$<HTMLButtonElement>('.sc-send')!;
    expect(send.disabled).toBe(true);
    type(input, '   \n  ');
    await settle();
    expect(send.disabled).toBe(true);
    press(input, 'Enter');
    m!.$<HTMLFormElement>('.sc-composer')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle();
    expect(m!.transport.sent).toHaveLength(0);
    expect(m!.chat.state.messages.value).toHaveLength(0);
    type(input, 'ok');
    await settle();
    expect(send.disabled).toBe(false);
  });

  it('keeps working offline: the message is queued, then sent when back online', async () => {
    await openChat();
    m!.transport.emit({ type: 'status', status: 'offline' });
    await settle();
    expect(m!.$('.sc-status-text')!.textContent).toBe('Waiting for network…');
    const input = m!.$<HTMLTextAreaElement>('textarea')!;
    type(input, 'while offline');
    press(input, 'Enter');
    await settle();
    expect(m!.transport.sent).toHaveLength(0);
    expect(m!.$('.sc-msg--out .sc-msg-status')!.textContent).toBe('Waiting to send');
    m!.transport.emit({ type: 'status', status: 'online' });
    await settle();
    expect(m!.transport.sent.map((s) => s.text)).toEqual(['while offline']);
  });

  it('reports typing, throttled', async () => {
    await openChat();
    const input = m!.$<HTMLTextAreaElement>('textarea')!;
    type(input, 'a');
    type(input, 'ab');
    type(input, 'abc');
    expect(m!.transport.typing).toEqual([true]);
    press(input, 'Enter');
    await settle();
    expect(m!.transport.typing).toEqual([true, false]);
  });

  it('refuses files over the declared limits with a clear error', async () => {
    await openChat();
    const fileInput = m!.$<HTMLInputElement>('input[type="file"]')!;
    expect(fileInput.accept).toBe('image/*,.pdf');
    const big = new File([new Uint8Array(4096)], 'scan.pdf', { type: 'application/pdf' });
    Object.defineProperty(fileInput, 'files', { value: [big], configurable: true });
    fileInput.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(m!.$('.sc-composer-error')!.textContent).toContain('scan.pdf is too large. The limit is 1 KB.');
    const exe = new File(['x'], 'tool.exe', { type: 'application/x-msdownload' });
    Object.defineProperty(fileInput, 'files', { value: [exe], configurable: true });
    fileInput.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(m!.$('.sc-composer-error')!.textContent).toContain('tool.exe: this file type is not supported.');
  });

  it('stages a picked file and, on send, shows the bubble at once with progress, then sent with the uploaded file', async () => {
    const transport = createFakeTransport();
    let finish: ((ref: AttachmentRef) => void) | undefined;
    let progress: ((p: { loaded: number; total: number }) => void) | undefined;
    transport.upload = (_file, options) =>
      new Promise((resolve) => {
        progress = options?.onProgress;
        finish = resolve;
      });
    m = await mount({ transport });
    m.chat.open('user');
    await settle();
    const urls = stubObjectUrls();
    const fileInput = m.$<HTMLInputElement>('input[type="file"]')!;
    const pic = new File(['abc'], 'pic.png', { type: 'image/png' });
    Object.defineProperty(fileInput, 'files', { value: [pic], configurable: true });
    fileInput.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(m.$('.sc-upload')!.textContent).toContain('pic.png');
    expect(m.$<HTMLButtonElement>('.sc-send')!.disabled).toBe(false);
    type(m.$<HTMLTextAreaElement>('textarea')!, 'my card');
    m.$<HTMLButtonElement>('.sc-send')!.click();
    await settle();
    // The bubble is there before the upload finished: text, image preview, a determinate bar.
    expect(m.$('.sc-upload')).toBeNull();
    expect(m.$('.sc-msg--out .sc-bubble')!.textContent).toBe('my card');
    expect(m.$<HTMLImageElement>('.sc-msg--out img.sc-thumb')!.src).toBe('blob:preview/1');
    progress!({ loaded: 1, total: 3 });
    await settle();
    const bar = m.$<HTMLProgressElement>('.sc-msg--out progress')!;
    expect(bar.getAttribute('aria-label')).toBe('Uploading pic.png, 33%');
    expect(bar.value).toBe(33);
    expect(transport.sent).toHaveLength(0);
    // Coarse announcements only: start and done, not every percent.
    await new Promise((r) => setTimeout(r, 700));
    expect(m.$('[role="status"]')!.textContent).toBe('Uploading pic.png');
    finish!({ id: 'up-1', name: 'pic.png', mimeType: 'image/png', size: 3, url: 'https://files.test/pic.png' });
    await settle();
    expect(transport.sent.map((x) => [x.text, x.attachments?.map((a) => a.id)])).toEqual([['my card', ['up-1']]]);
    expect(m.$('.sc-msg--out progress')).toBeNull();
    expect(m.$<HTMLImageElement>('.sc-msg--out img.sc-thumb')!.src).toBe('https://files.test/pic.png');
    expect(m.$('.sc-msg--out .sc-msg-status--sent')).not.toBeNull();
    // The preview is revoked once nothing shows it.
    expect(urls.revoked).toEqual(['blob:preview/1']);
    await new Promise((r) => setTimeout(r, 700));
    expect(m.$('[role="status"]')!.textContent).toBe('pic.png uploaded');
  });

  it('stages pasted files instead of inserting them', async () => {
    await openChat();
    const area = m!.$<HTMLTextAreaElement>('textarea')!;
    const paste = new Event('paste', { bubbles: true, cancelable: true });
    Object.defineProperty(paste, 'clipboardData', { value: { files: [new File(['x'], 'shot.png', { type: 'image/png' })] } });
    area.dispatchEvent(paste);
    await settle();
    expect(paste.defaultPrevented).toBe(true);
    expect(m!.$('.sc-upload')!.textContent).toContain('shot.png');
    m!.$<HTMLButtonElement>('.sc-upload button')!.click();
    await settle();
    expect(m!.$('.sc-upload')).toBeNull();
  });
});

describe('transcript', () => {
  it('renders untrusted text as text, never as markup', async () => {
    await openChat();
    m!.transport.incoming(BOT, '<img src=x onerror="alert(1)"> <b>bold</b>');
    await settle();
    const bubble = m!.$('.sc-msg--in .sc-bubble')!;
    expect(bubble.textContent).toBe('<img src=x onerror="alert(1)"> <b>bold</b>');
    expect(bubble.querySelector('img, b')).toBeNull();
    expect(bubble.getAttribute('dir')).toBe('auto');
  });

  it('links http(s) URLs safely and never javascript: URLs', async () => {
    await openChat();
    m!.transport.incoming(BOT, 'See https://example.com/a?b=1. Or javascript:alert(1) or mailto:help@example.com');
    await settle();
    const links = m!.$$<HTMLAnchorElement>('.sc-bubble a');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/a?b=1', 'mailto:help@example.com']);
    for (const a of links) expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    // A new tab for web pages; mailto: opens the mail app in place.
    expect(links.map((a) => a.getAttribute('target'))).toEqual(['_blank', null]);
    expect(m!.$('.sc-bubble')!.textContent).toContain('javascript:alert(1)');
  });

  it('shows quick replies under the last bot message, calls choose, and hides them after the answer', async () => {
    await openChat();
    const choose = vi.spyOn(m!.chat, 'choose');
    m!.transport.incoming(BOT, 'Pick one', {
      quickReplies: [
        { id: 'a', label: 'Cards', kind: 'reply', value: 'cards' },
        { id: 'b', label: 'Loans', kind: 'reply', value: 'loans' },
      ],
    });
    await settle();
    const chips = m!.$$<HTMLButtonElement>('.sc-quick .sc-chip');
    expect(chips.map((c) => c.textContent)).toEqual(['Cards', 'Loans']);
    chips[1]!.click();
    await settle();
    expect(choose).toHaveBeenCalledWith(expect.objectContaining({ id: 'b', value: 'loans' }));
    expect(m!.transport.sent.map((s) => s.text)).toEqual(['loans']);
    expect(m!.$('.sc-quick')).toBeNull();
    // The pressed button is gone: focus stays in the dialog, on the composer.
    expect(m!.root.activeElement).toBe(m!.$('textarea'));
  });

  it('opens url actions through openUrl, and only safe ones', async () => {
    const openUrl = vi.fn();
    m = await mount({ config: { openUrl } });
    m.chat.open('user');
    await settle();
    m.transport.emit({
      type: 'message',
      message: {
        id: 'card-1',
        seq: 1,
        from: BOT,
        createdAt: new Date().toISOString(),
        parts: [
          {
            kind: 'card',
            title: 'Your card',
            imageUrl: 'javascript:alert(1)',
            actions: [
              { id: 'u', label: 'Open', kind: 'url', value: 'https://bank.example/x' },
              { id: 'bad', label: 'Bad', kind: 'url', value: 'javascript:alert(1)' },
            ],
          },
        ],
      },
    });
    await settle();
    expect(m.$('.sc-card-title')!.textContent).toBe('Your card');
    expect(m.$('.sc-card img')).toBeNull();
    const [open, bad] = m.$$<HTMLButtonElement>('.sc-card-btn');
    open!.click();
    bad!.click();
    expect(openUrl).toHaveBeenCalledTimes(1);
    expect(openUrl).toHaveBeenCalledWith('https://bank.example/x');
  });

  it('shows Retry and Delete on a failed message, and both work', async () => {
    await openChat();
    m!.transport.sendImpl = async () => {
      throw rejection();
    };
    const input = m!.$<HTMLTextAreaElement>('textarea')!;
    type(input, 'first');
    press(input, 'Enter');
    type(input, 'second');
    press(input, 'Enter');
    await settle();
    const failed = m!.$$('.sc-failed');
    expect(failed).toHaveLength(2);
    expect(failed[0]!.textContent).toContain('Not sent');
    m!.transport.sendImpl = async (msg) => ({ clientId: msg.clientId, id: 'srv-1', createdAt: new Date().toISOString(), seq: 50 });
    failed[0]!.querySelector<HTMLButtonElement>('button')!.click();
    await settle();
    expect(m!.chat.state.messages.value.find((x) => x.id === 'srv-1')?.status).toBe('sent');
    const deleteButton = m!.$$<HTMLButtonElement>('.sc-failed button').find((b) => b.textContent === 'Delete')!;
    deleteButton.click();
    await settle();
    expect(m!.$$('.sc-msg--out .sc-bubble').map((b) => b.textContent)).toEqual(['first']);
    expect(m!.$('.sc-failed')).toBeNull();
  });

  it('shows operator joins as system lines and the operator in the header', async () => {
    await openChat();
    m!.transport.emit({ type: 'participant', action: 'joined', participant: ANNA });
    m!.transport.incoming(ANNA, 'Hi, I am Anna');
    await settle();
    expect(m!.$('.sc-system')!.textContent).toBe('Anna joined the chat');
    expect(m!.$('.sc-status-text')!.textContent).toBe('You are chatting with Anna');
    expect(m!.$('.sc-avatar--header')!.textContent).toBe('A');
    expect(m!.$('.sc-sender')!.textContent).toBe('Anna');
    m!.transport.emit({ type: 'typing', from: ANNA, on: true });
    await settle();
    expect(m!.$('.sc-status-text')!.textContent).toBe('Anna is typing…');
    expect(m!.$('.sc-typing')).not.toBeNull();
    m!.transport.emit({ type: 'participant', action: 'left', participant: ANNA });
    await settle();
    expect(m!.$('.sc-typing')).toBeNull();
    expect(m!.$$('.sc-system').map((s) => s.textContent)).toEqual(['Anna joined the chat', 'Anna left the chat']);
  });

  it('offers a rating after the conversation closed, then thanks', async () => {
    await openChat();
    m!.transport.emit({ type: 'conversation', state: 'closed' });
    await settle();
    expect(m!.$$('.sc-system').map((s) => s.textContent)).toContain('Conversation closed');
    const stars = m!.$$<HTMLInputElement>('.sc-star-input');
    expect(stars.map((s) => s.getAttribute('aria-label'))).toEqual([
      '1 star out of 5',
      '2 stars out of 5',
      '3 stars out of 5',
      '4 stars out of 5',
      '5 stars out of 5',
    ]);
    stars[3]!.click();
    await settle();
    m!.$<HTMLButtonElement>('.sc-rating-form button[type="submit"]')!.click();
    await settle();
    expect(m!.transport.ratings).toEqual([4]);
    expect(m!.$('.sc-rating')!.textContent).toBe('Thank you for your feedback!');
  });
});

describe('handoff', () => {
  it('offers "Talk to a person" and asks for a human in one tap', async () => {
    await openChat();
    m!.$<HTMLButtonElement>('.sc-chip--talk')!.click();
    await settle();
    expect(m!.transport.handoffRequests).toBe(1);
    expect(m!.$('.sc-chip--talk')).toBeNull();
    expect(m!.$('.sc-banner')!.textContent).toBe('Connecting you to a person…');
  });

  it('hides "Talk to a person" when the backend cannot hand off', async () => {
    const transport = createFakeTransport({ ...createFakeTransport().capabilities, humanHandoff: 'none' });
    m = await mount({ transport });
    m.chat.open('user');
    await settle();
    expect(m.$('.sc-composer')).not.toBeNull();
    expect(m.$('.sc-chip--talk')).toBeNull();
  });

  it('submits the one-time code and shows attempts left after a wrong code', async () => {
    await openChat();
    m!.transport.emit({
      type: 'handoff',
      state: 'verification_required',
      challenge: { id: 'ch-1', method: 'sms_otp', destinationHint: '•••12', codeLength: 6, attemptsLeft: 3 },
    });
    await settle();
    const input = m!.$<HTMLInputElement>('.sc-otp')!;
    expect(m!.root.activeElement).toBe(input);
    expect(m!.$('.sc-verify-prompt')!.textContent).toBe('Enter the code we sent to •••12');
    expect(input.getAttribute('inputmode')).toBe('numeric');
    expect(input.getAttribute('autocomplete')).toBe('one-time-code');
    expect(input.maxLength).toBe(6);
    m!.transport.verificationResult = 'invalid';
    input.value = '12 34 56';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    m!.$<HTMLFormElement>('.sc-verify')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle();
    expect(m!.transport.verifications).toEqual([{ challengeId: 'ch-1', code: '123456' }]);
    m!.transport.emit({
      type: 'handoff',
      state: 'verification_required',
      challenge: { id: 'ch-1', method: 'sms_otp', destinationHint: '•••12', codeLength: 6, attemptsLeft: 2 },
    });
    m!.transport.verificationResult = 'invalid';
    input.value = '000000';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    m!.$<HTMLFormElement>('.sc-verify')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle();
    expect(m!.$('.sc-verify-error')!.textContent).toBe('Wrong code. 2 attempts left');
    expect(m!.$('.sc-otp')!.getAttribute('aria-invalid')).toBe('true');
  });

  it('offers a new code once the code expired', async () => {
    await openChat();
    m!.transport.emit({ type: 'handoff', state: 'verification_required', challenge: { id: 'ch-2', method: 'sms_otp' } });
    await settle();
    m!.transport.verificationResult = 'expired';
    const input = m!.$<HTMLInputElement>('.sc-otp')!;
    input.value = '1111';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    m!.$<HTMLFormElement>('.sc-verify')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle();
    expect(m!.$('.sc-verify-error')!.textContent).toBe('The code has expired.');
    const resend = m!.$$<HTMLButtonElement>('.sc-verify button').find((b) => b.textContent === 'Send a new code')!;
    resend.click();
    await settle();
    expect(m!.transport.handoffRequests).toBe(1);
  });

  it('shows the queue position and ETA', async () => {
    await openChat();
    m!.transport.emit({ type: 'handoff', state: 'queued' });
    m!.transport.emit({ type: 'queue', queue: { position: 2, etaSeconds: 170 } });
    await settle();
    expect(m!.$('.sc-queue-pos')!.textContent).toBe('You are number 2 in the queue');
    expect(m!.$('.sc-queue-eta')!.textContent).toMatch(/^Estimated wait 2:(50|49)$/);
    expect(m!.$('.sc-chip--talk')).toBeNull();
  });

  it('says when operators are back when they are offline, without a spinner', async () => {
    await openChat();
    const nextOpenAt = new Date(Date.now() + 3600_000).toISOString();
    m!.transport.emit({ type: 'handoff', state: 'offline', availability: { operatorsOnline: false, nextOpenAt } });
    await settle();
    // The offline card (test/ui/offline.test.tsx) says it, in the status line's words; nothing spins.
    expect(m!.$('.sc-offline')!.textContent).toContain('They are back');
    expect(m!.$('.sc-status-text')!.textContent).toContain('Back ');
    expect(m!.$('.sc-spinner')).toBeNull();
    // Never trapped: without a leave-a-message step, the person button stays.
    expect(m!.$('.sc-chip--talk')).not.toBeNull();
  });
});

describe('focus and keyboard', () => {
  it('moves focus to the composer on open; Escape closes and returns focus to the launcher', async () => {
    await openChat();
    const input = m!.$<HTMLTextAreaElement>('textarea')!;
    expect(m!.root.activeElement).toBe(input);
    press(input, 'Escape');
    await settle();
    expect(m!.chat.state.isOpen.value).toBe(false);
    expect(m!.root.activeElement).toBe(m!.$('.sc-launcher'));
  });

  it('does not steal focus when messages arrive', async () => {
    await openChat();
    const history = m!.$<HTMLElement>('.sc-list')!;
    history.focus();
    m!.transport.incoming(BOT, 'new');
    await settle();
    expect(m!.root.activeElement).toBe(history);
  });
});

describe('live region', () => {
  it('announces a new bot message once, with the sender', async () => {
    await openChat();
    const region = m!.$('[role="status"]')!;
    expect(region.getAttribute('aria-live')).toBe('polite');
    m!.transport.incoming(BOT, 'Your card is active again');
    await new Promise((r) => setTimeout(r, 700));
    expect(region.textContent).toBe('Helper said: Your card is active again');
    // Re-renders and status changes of the same message do not repeat it.
    m!.transport.emit({ type: 'read', by: BOT, upTo: 99 });
    m!.chat.close();
    m!.chat.open();
    await new Promise((r) => setTimeout(r, 700));
    expect(region.textContent).toBe('Helper said: Your card is active again');
    expect(m!.$('[role="log"]')!.getAttribute('aria-live')).toBe('off');
  });

  it('summarises a burst and skips old history', async () => {
    await openChat();
    const region = m!.$('[role="status"]')!;
    m!.transport.incoming(BOT, 'old one', { createdAt: '2020-01-01T00:00:00Z' });
    for (let i = 0; i < 5; i++) m!.transport.incoming(BOT, `news ${i}`);
    await new Promise((r) => setTimeout(r, 700));
    expect(region.textContent).toBe('5 new messages');
  });

  it('announces reconnecting and back online', async () => {
    await openChat();
    const region = m!.$('[role="status"]')!;
    m!.transport.emit({ type: 'status', status: 'reconnecting' });
    await new Promise((r) => setTimeout(r, 700));
    expect(region.textContent).toBe('Reconnecting…');
    m!.transport.emit({ type: 'status', status: 'online' });
    await new Promise((r) => setTimeout(r, 700));
    expect(region.textContent).toBe('Back online');
  });
});

describe('destroy', () => {
  it('removes every node, style and token it added', async () => {
    m = await mount({ config: { primaryColor: '#123456' } });
    m.chat.open('user');
    m.transport.incoming(BOT, 'hello');
    await settle();
    expect(m.root.childNodes.length).toBeGreaterThan(0);
    // The first stage's sheet and the panel's.
    expect(m.root.adoptedStyleSheets.length).toBe(2);
    m.widget.destroy();
    expect(m.root.childNodes.length).toBe(0);
    expect(m.root.adoptedStyleSheets.length).toBe(0);
    expect(m.host.getAttribute('style')).toBeNull();
    // The chat keeps working without the UI and the UI no longer reacts.
    m.transport.incoming(BOT, 'after');
    await settle();
    expect(m.root.childNodes.length).toBe(0);
    await m.chat.destroy();
    m.host.remove();
    m = undefined;
  });
});

describe('localisation', () => {
  it('renders Russian strings and plurals', async () => {
    const { createI18n } = await import('../../src/i18n');
    m = await mount({ config: { i18n: createI18n('ru-RU'), title: 'Поддержка' } });
    for (let i = 0; i < 3; i++) m.transport.incoming(ANNA, `msg ${i}`);
    await settle();
    expect(m.$('.sc-launcher .sc-vh')!.textContent).toBe('Открыть чат');
    expect(m.$('.sc-badge .sc-vh')!.textContent).toBe('3 непрочитанных сообщения');
    m.chat.open('user');
    await settle();
    expect(m.$('[role="dialog"]')!.getAttribute('lang')).toBe('ru');
    expect(m.$<HTMLTextAreaElement>('textarea')!.placeholder).toBe('Напишите сообщение…');
  });
});

describe('history and uploads', () => {
  it('loads earlier messages on demand and keeps them above', async () => {
    const transport = createFakeTransport({ ...createFakeTransport().capabilities, history: 'backward' });
    const pages = [
      {
        messages: [{ id: 'h2', seq: 2, from: BOT, parts: [{ kind: 'text' as const, text: 'recent' }], createdAt: '2024-01-01T10:00:00Z' }],
        hasMore: true,
        before: 'c1',
      },
      {
        messages: [{ id: 'h1', seq: 1, from: BOT, parts: [{ kind: 'text' as const, text: 'older' }], createdAt: '2024-01-01T09:00:00Z' }],
        hasMore: false,
      },
    ];
    const queries: Array<{ before?: string }> = [];
    transport.fetchHistory = async (query) => {
      queries.push(query);
      return pages.shift()!;
    };
    m = await mount({ transport });
    m.chat.open('user');
    await settle();
    const button = m.$$<HTMLButtonElement>('.sc-history-btn')[0]!;
    expect(button.textContent).toBe('Load earlier messages');
    button.click();
    await settle();
    expect(queries.at(-1)?.before).toBe('c1');
    expect(m.$$('.sc-bubble').map((b) => b.textContent)).toEqual(['older', 'recent']);
    expect(m.$('.sc-history-btn')).toBeNull();
  });

  it('cancels an upload from the bubble (the request is aborted) and shows a permanent rejection with its reason', async () => {
    const transport = createFakeTransport();
    let aborted = false;
    let calls = 0;
    transport.upload = (_file, options) =>
      new Promise((_resolve, reject) => {
        calls++;
        if (calls === 2) {
          reject(new TransportError('fake', 'too_large', 'file is too large'));
          return;
        }
        options?.signal?.addEventListener('abort', () => {
          aborted = true;
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    m = await mount({ transport });
    m.chat.open('user');
    await settle();
    const pick = (name: string) => {
      const fileInput = m!.$<HTMLInputElement>('input[type="file"]')!;
      Object.defineProperty(fileInput, 'files', { value: [new File(['abc'], name, { type: 'application/pdf' })], configurable: true });
      fileInput.dispatchEvent(new Event('change', { bubbles: true }));
    };
    pick('doc.pdf');
    await settle();
    m.$<HTMLButtonElement>('.sc-send')!.click();
    await settle();
    const cancel = m.$<HTMLButtonElement>('.sc-msg-upload button')!;
    expect(cancel.getAttribute('aria-label')).toBe('Cancel upload of doc.pdf');
    cancel.click();
    await settle();
    expect(aborted).toBe(true);
    expect(m.$('.sc-msg--out')).toBeNull();

    pick('big.pdf');
    await settle();
    m.$<HTMLButtonElement>('.sc-send')!.click();
    await settle();
    const failed = m.$('.sc-msg--out .sc-failed')!;
    expect(failed.textContent).toContain('Not sent');
    expect(failed.textContent).toContain('The file is too large.');
    expect(Array.from(failed.querySelectorAll('button')).map((b) => b.textContent)).toEqual(['Retry', 'Delete']);
    expect(transport.sent).toHaveLength(0);
  });
});

describe('split build', () => {
  /** The launcher alone over a fake transport, with `loader` for the panel. */
  async function mountSplit(loader: () => Promise<unknown>) {
    const { mountLauncher } = await import('../../src/ui');
    const { createChat } = await import('../../src/core/chat');
    const { createI18n } = await import('../../src/i18n');
    const chat = createChat({ transport: createFakeTransport(), locale: 'en' });
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const widget = mountLauncher(
      root,
      chat,
      { title: 'Support', position: 'bottom-right', offset: { x: 20, y: 20 }, colorScheme: 'light', zIndex: 1, i18n: createI18n('en') },
      loader as Parameters<typeof mountLauncher>[3],
    );
    const cleanup = async () => {
      widget.destroy();
      await chat.destroy();
      host.remove();
    };
    return { root, widget, chat, cleanup };
  }

  it('renders the panel from an async loader on first open and focuses the composer', async () => {
    let loads = 0;
    const { root, widget, cleanup } = await mountSplit(async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 20));
      return import('../../src/ui/panel');
    });
    try {
      expect(root.querySelector('.sc-panel')).toBeNull();
      expect(root.adoptedStyleSheets).toHaveLength(1);
      root.querySelector<HTMLButtonElement>('.sc-launcher')!.click();
      // While the panel's code is on its way, a ring turns around the launcher.
      expect(root.querySelector('.sc-root')!.classList.contains('sc-root--loading')).toBe(true);
      await new Promise((r) => setTimeout(r, 60));
      expect(root.querySelector('.sc-root')!.classList.contains('sc-root--loading')).toBe(false);
      expect(loads).toBe(1);
      expect(root.querySelector('[role="dialog"]')).not.toBeNull();
      expect(root.activeElement).toBe(root.querySelector('textarea'));
      expect(root.adoptedStyleSheets).toHaveLength(2);
      widget.destroy();
      expect(root.childNodes).toHaveLength(0);
      expect(root.adoptedStyleSheets).toHaveLength(0);
    } finally {
      await cleanup();
    }
  });

  it('a slow panel load is announced: the ring is visual only', async () => {
    const { root, cleanup } = await mountSplit(async () => {
      await new Promise((r) => setTimeout(r, 1300));
      return import('../../src/ui/panel');
    });
    try {
      const region = root.querySelector('[role="status"][aria-live="polite"]')!;
      root.querySelector<HTMLButtonElement>('.sc-launcher')!.click();
      await new Promise((r) => setTimeout(r, 600));
      expect(region.textContent).not.toContain('Opening the chat…');
      await expect.poll(() => region.textContent, { timeout: 1000 }).toContain('Opening the chat…');
      await expect.poll(() => root.querySelector('[role="dialog"]'), { timeout: 2000 }).not.toBeNull();
    } finally {
      await cleanup();
    }
  });

  it('a failed panel load says so beside the launcher, closes again, and the next tap tries again', async () => {
    let loads = 0;
    const { root, chat, cleanup } = await mountSplit(async () => {
      if (++loads === 1) throw new Error('offline');
      return import('../../src/ui/panel');
    });
    try {
      const launcher = root.querySelector<HTMLButtonElement>('.sc-launcher')!;
      launcher.click();
      await new Promise((r) => setTimeout(r, 20));
      expect(root.querySelector('.sc-root')!.classList.contains('sc-root--loading')).toBe(false);
      expect(root.querySelector('[role="dialog"]')).toBeNull();
      const note = root.querySelector('.sc-launcher-note')!;
      expect(note.getAttribute('role')).toBe('alert');
      expect(note.textContent).toBe("Couldn't open the chat. Check your connection and try again.");
      expect(chat.state.isOpen.value).toBe(false);
      expect(launcher.getAttribute('aria-expanded')).toBe('false');
      launcher.click(); // open again
      await new Promise((r) => setTimeout(r, 20));
      expect(root.querySelector('.sc-launcher-note')).toBeNull();
      expect(loads).toBe(2);
      expect(root.querySelector('[role="dialog"]')).not.toBeNull();
    } finally {
      await cleanup();
    }
  });
});
