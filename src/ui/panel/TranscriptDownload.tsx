/**
 * "Save a copy of this conversation": the transcript as text or as a web page, built in the page
 * (no server call), with the whole history (older pages are fetched first). Shown once the
 * conversation closed, when there is something to save and the embed gave a transcript writer
 * (`ctx.loadTranscript`; not with `transcriptDownload: false`). The writer is loaded on the first
 * click (a stage file in the script-tag build).
 * @module
 */
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Chat } from '../../core/chat';
import { ChatError } from '../../core/errors';
import type { PanelContext } from './context';
import type { TranscriptFormat } from './transcript-file';

/** At most this many older pages are fetched for one transcript. */
const MAX_PAGES = 50;

/** Fetches older history until there is none (or it stops moving). */
async function loadAll(chat: Chat): Promise<void> {
  for (let i = 0; i < MAX_PAGES && chat.state.hasMoreHistory.peek(); i++) {
    const before = chat.state.messages.peek().length;
    await chat.loadOlder();
    if (chat.state.messages.peek().length === before) return;
  }
}

/** The two download buttons. */
export function TranscriptDownload({ ctx }: { ctx: PanelContext }): JSX.Element | null {
  const { chat, i18n } = ctx;
  const ref = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const load = ctx.loadTranscript;
  if (!load || !chat.state.messages.value.some((m) => m.status !== 'failed')) return null;
  const download = async (format: TranscriptFormat) => {
    if (busy) return;
    setBusy(true);
    setFailed(false);
    try {
      const [writer] = await Promise.all([load(), loadAll(chat)]);
      if (ref.current) writer.saveTranscript(ref.current, chat.state.messages.peek(), i18n, format);
      ctx.announce(i18n.t('ending.downloaded'));
    } catch (error) {
      setFailed(true);
      ctx.announce(i18n.t('ending.failed'));
      chat.reportError(
        error instanceof ChatError ? error : new ChatError('support-chat: the transcript could not be saved', { cause: error }),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled pair of buttons; a fieldset would bring its own border and legend layout
    <div class="sc-transcript" role="group" aria-labelledby="sc-transcript-title" aria-busy={busy ? 'true' : 'false'} ref={ref}>
      <p class="sc-transcript-title" id="sc-transcript-title">
        {i18n.t('ending.transcript')}
      </p>
      <div class="sc-transcript-actions">
        {(['txt', 'html'] as const).map((format) => (
          <button key={format} type="button" class="sc-btn sc-btn--soft" disabled={busy} onClick={() => void download(format)}>
            {i18n.t(format === 'txt' ? 'ending.text' : 'ending.html')}
          </button>
        ))}
      </div>
      {failed ? <p class="sc-transcript-error">{i18n.t('ending.failed')}</p> : null}
    </div>
  );
}
