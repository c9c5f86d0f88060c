// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveTranscript } from '../../src/ui/panel/transcript-file';
import { ANNA, BOT } from './helpers/emulator';
import { mount, settle, type, type Mounted } from './helpers/mount';

let m: Mounted | undefined;
afterEach(async () => {
  await m?.cleanup();
  m = undefined;
  vi.restoreAllMocks();
});

/** A closed conversation with a few messages, the dialog open. */
async function closedChat(
  options: Parameters<typeof mount>[0] = { config: { loadTranscript: () => ({ saveTranscript }) } },
): Promise<Mounted> {
  m = await mount(options);
  m.$<HTMLButtonElement>('.sc-launcher')!.click();
  m.transport.incoming(BOT, 'Hello! How can I help?');
  m.transport.incoming(ANNA, 'Your card <b>is</b> unblocked & ready');
  m.transport.emit({ type: 'conversation', state: 'closed' });
  await settle();
  return m;
}

const rateCalls = () => m!.transport.calls.filter((c) => c.method === 'rate').map((c) => c.args);

describe('rating with a comment', () => {
  it('offers a radio group of five stars, each read as "n stars out of 5"', async () => {
    await closedChat();
    const group = m!.$('[role="radiogroup"]')!;
    expect(m!.root.getElementById(group.getAttribute('aria-labelledby')!)!.textContent).toBe('How did we do?');
    const stars = m!.$$<HTMLInputElement>('.sc-star-input');
    expect(stars.map((s) => [s.type, s.name, s.getAttribute('aria-label')])).toEqual([
      ['radio', 'sc-rating', '1 star out of 5'],
      ['radio', 'sc-rating', '2 stars out of 5'],
      ['radio', 'sc-rating', '3 stars out of 5'],
      ['radio', 'sc-rating', '4 stars out of 5'],
      ['radio', 'sc-rating', '5 stars out of 5'],
    ]);
    // Nothing is sent on choosing a star: the comment comes first.
    expect(m!.$('.sc-rating-form')).toBeNull();
    stars[3]!.click();
    await settle();
    expect(rateCalls()).toEqual([]);
    expect(m!.$$<HTMLInputElement>('.sc-star-input').map((s) => s.checked)).toEqual([false, false, false, true, false]);
    expect(m!.$$('.sc-star--on')).toHaveLength(4);
    expect(m!.$('label[for="sc-rating-comment"]')!.textContent).toBe('Anything to add? (optional)');
  });

  it('sends the score with the comment, then thanks and keeps focus in the dialog', async () => {
    await closedChat();
    m!.$$<HTMLInputElement>('.sc-star-input')[3]!.click();
    await settle();
    const comment = m!.$<HTMLTextAreaElement>('#sc-rating-comment')!;
    expect(comment.maxLength).toBe(2000);
    type(comment, '  Quick and kind, thank you  ');
    await settle();
    m!.$<HTMLButtonElement>('.sc-rating-form button[type="submit"]')!.click();
    await settle();
    expect(rateCalls()).toEqual([[4, 'Quick and kind, thank you']]);
    expect(m!.$('.sc-rating')!.textContent).toBe('Thank you for your feedback!');
    expect(m!.root.activeElement).toBe(m!.$('.sc-rating-title'));
    expect(m!.chat.state.rated.value).toBe(4);
  });

  it('Skip sends the score alone; an empty comment is no comment', async () => {
    await closedChat();
    m!.$$<HTMLInputElement>('.sc-star-input')[4]!.click();
    await settle();
    m!.$<HTMLButtonElement>('.sc-rating-actions .sc-link-btn')!.click();
    await settle();
    expect(rateCalls()).toEqual([[5, undefined]]);
    expect(m!.$('.sc-rating')!.textContent).toBe('Thank you for your feedback!');
  });

  it('counts down the characters left near the 2,000 limit', async () => {
    await closedChat();
    m!.$$<HTMLInputElement>('.sc-star-input')[1]!.click();
    await settle();
    const comment = m!.$<HTMLTextAreaElement>('#sc-rating-comment')!;
    type(comment, 'a'.repeat(1700));
    await settle();
    expect(m!.$('.sc-rating-left')).toBeNull();
    type(comment, 'a'.repeat(1999));
    await settle();
    expect(m!.$('.sc-rating-left')!.textContent).toBe('1 character left');
    expect(comment.getAttribute('aria-describedby')).toBe('sc-rating-left');
  });
});

describe('transcript download', () => {
  /** Captures the Blob and the anchor a download goes through. */
  function captureDownloads() {
    const blobs: Blob[] = [];
    const revoked: string[] = [];
    const clicks: Array<{ download: string; href: string; inShadow: boolean }> = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return `blob:transcript/${blobs.length}`;
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void revoked.push(url));
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ download: this.download, href: this.href, inShadow: this.getRootNode() === m!.root });
    });
    return { blobs, revoked, clicks };
  }

  it('saves the conversation as text through a Blob and an <a download> in the shadow root, then revokes the URL', async () => {
    await closedChat();
    const d = captureDownloads();
    const [txt] = m!.$$<HTMLButtonElement>('.sc-transcript button');
    expect(m!.$$('.sc-transcript button').map((b) => b.textContent)).toEqual(['Text (.txt)', 'Web page (.html)']);
    txt!.click();
    await vi.waitFor(() => expect(d.revoked).toEqual(['blob:transcript/1']));
    expect(d.clicks).toEqual([
      { download: expect.stringMatching(/^chat-transcript-\d{4}-\d\d-\d\d-\d{4}\.txt$/), href: 'blob:transcript/1', inShadow: true },
    ]);
    expect(d.blobs[0]!.type).toBe('text/plain;charset=utf-8');
    const text = await d.blobs[0]!.text();
    expect(text).toMatch(/^Conversation transcript\nSaved: /);
    expect(text).toMatch(/\] Helper:\n {2}Hello! How can I help\?\n/);
    expect(text).toMatch(/\] Anna:\n {2}Your card <b>is<\/b> unblocked & ready\n/);
    expect(m!.$('.sc-transcript a')).toBeNull();
  });

  it('saves an HTML page with every untrusted string escaped', async () => {
    await closedChat();
    const d = captureDownloads();
    m!.$$<HTMLButtonElement>('.sc-transcript button')[1]!.click();
    await vi.waitFor(() => expect(d.blobs).toHaveLength(1));
    expect(d.clicks[0]!.download).toMatch(/\.html$/);
    const html = await d.blobs[0]!.text();
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('Your card &#60;b&#62;is&#60;/b&#62; unblocked &#38; ready');
    expect(html).not.toContain('<b>is</b>');
  });

  it('is not offered without a transcript writer (the embed gives none for transcriptDownload: false)', async () => {
    await closedChat({});
    expect(m!.$('.sc-rating')).not.toBeNull();
    expect(m!.$('.sc-transcript')).toBeNull();
  });

  it('loads the writer on the first click; a failed load says so and reports one error, and the next click tries again', async () => {
    let fail = true;
    const loads: number[] = [];
    await closedChat({
      config: {
        loadTranscript: () => {
          loads.push(loads.length);
          return fail ? Promise.reject(new Error('support-chat.transcript.js could not be loaded')) : { saveTranscript };
        },
      },
    });
    const errors: string[] = [];
    m!.chat.on('error', (e) => void errors.push(e.message));
    const d = captureDownloads();
    expect(loads).toEqual([]);
    m!.$$<HTMLButtonElement>('.sc-transcript button')[0]!.click();
    await vi.waitFor(() =>
      expect(m!.$('.sc-transcript-error')?.textContent).toBe("Couldn't save the transcript. Check your connection and try again."),
    );
    expect(errors).toHaveLength(1);
    expect(d.blobs).toEqual([]);
    fail = false;
    m!.$$<HTMLButtonElement>('.sc-transcript button')[0]!.click();
    await vi.waitFor(() => expect(d.blobs).toHaveLength(1));
    await settle();
    expect(m!.$('.sc-transcript-error')).toBeNull();
    expect(loads).toEqual([0, 1]);
  });

  it('is not offered before the close or without history', async () => {
    m = await mount({ config: { loadTranscript: () => ({ saveTranscript }) } });
    m.$<HTMLButtonElement>('.sc-launcher')!.click();
    await settle();
    expect(m.$('.sc-transcript')).toBeNull();
    m.transport.emit({ type: 'conversation', state: 'closed' });
    await settle();
    expect(m.$('.sc-transcript')).toBeNull();
  });
});
