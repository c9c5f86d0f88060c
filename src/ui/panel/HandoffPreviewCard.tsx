/**
 * "What the operator will see", while the customer waits for a person: the topic in words, the
 * buttons pressed, the last questions, the files and the page, as the server will hand them over,
 * and a note for the operator (at most 1000 characters). A disclosure, closed at first, so the
 * transcript keeps its room on a phone. Shown only when the backend has `handoffPreview`.
 * @module
 */
import type { JSX } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import type { HandoffPreview } from '../../core/model';
import { Icon } from '../shared/icons';
import { LINK_SCHEMES, safeUrl } from '../shared/safe-url';
import type { PanelContext } from './context';

/** Longest note, characters (the protocol's limit). */
const NOTE_MAX = 1000;
const WAITING = new Set(['queued', 'offline']);

type Status = 'idle' | 'saving' | 'saved' | 'failed';

function Details({ ctx, preview }: { ctx: PanelContext; preview: HandoffPreview }): JSX.Element {
  const { i18n } = ctx;
  const page = preview.pageUrl ? safeUrl(preview.pageUrl, LINK_SCHEMES) : null;
  const rows: Array<[string, JSX.Element | string]> = [[i18n.t('preview.topic'), preview.topicLabel || i18n.t('preview.noTopic')]];
  if (preview.path.length) rows.push([i18n.t('preview.path'), preview.path.join(' › ')]);
  if (preview.questions.length)
    rows.push([
      i18n.t('preview.questions'),
      <ul class="sc-preview-list">
        {preview.questions.map((q, i) => (
          <li key={i} dir="auto">
            {q}
          </li>
        ))}
      </ul>,
    ]);
  if (preview.attachments.length) {
    const names = preview.attachments.map((a) => a.name).join(', ');
    rows.push(['', i18n.t('preview.files', { count: preview.attachments.length, names })]);
  }
  if (page) rows.push([i18n.t('preview.page'), <span class="sc-preview-page">{page}</span>]);
  return (
    <dl class="sc-preview-fields">
      {rows.map(([k, v], i) => (
        <div key={i} class="sc-preview-row">
          {k ? <dt>{k}</dt> : null}
          <dd dir="auto">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function NoteForm({ ctx, preview, onSaved }: { ctx: PanelContext; preview: HandoffPreview; onSaved(p: HandoffPreview): void }) {
  const { i18n, chat } = ctx;
  const id = useId();
  const [note, setNote] = useState(preview.note ?? '');
  const [status, setStatus] = useState<Status>('idle');
  const save = (event: Event) => {
    event.preventDefault();
    setStatus('saving');
    chat.setHandoffNote(note.trim()).then(
      (p) => {
        if (p) onSaved(p);
        setStatus('saved');
        ctx.announce(i18n.t('preview.noteSaved'));
      },
      () => {
        setStatus('failed');
        ctx.announce(i18n.t('preview.noteFailed'));
      },
    );
  };
  const changed = note.trim() !== (preview.note ?? '');
  return (
    <form class="sc-preview-note" onSubmit={save}>
      <label for={`${id}n`}>{i18n.t('preview.noteLabel')}</label>
      <textarea
        id={`${id}n`}
        class="sc-preview-input"
        rows={2}
        maxLength={NOTE_MAX}
        aria-describedby={`${id}c`}
        value={note}
        onInput={(e) => {
          setNote((e.currentTarget as HTMLTextAreaElement).value);
          setStatus('idle');
        }}
      />
      <div class="sc-preview-actions">
        <span id={`${id}c`} class="sc-preview-count">
          {status === 'saved' && !changed
            ? i18n.t('preview.noteSaved')
            : status === 'failed'
              ? i18n.t('preview.noteFailed')
              : i18n.t('preview.noteCount', { count: note.length, max: NOTE_MAX })}
        </span>
        <button type="submit" class="sc-btn sc-btn--primary" disabled={status === 'saving' || !changed} aria-busy={status === 'saving'}>
          {i18n.t('preview.saveNote')}
        </button>
      </div>
    </form>
  );
}

/** The card in the footer, or nothing. */
export function HandoffPreviewCard({ ctx }: { ctx: PanelContext }): JSX.Element | null {
  const { i18n, chat } = ctx;
  const s = chat.state;
  const waiting = WAITING.has(s.handoff.value.state) && !s.operator.value && s.capabilities.value.handoffPreview === true;
  const [open, setOpen] = useState(false);
  const [preview, setPreview] = useState<HandoffPreview | null>(null);
  const [failed, setFailed] = useState(false);
  const count = s.messages.value.length;
  const id = useId();
  useEffect(() => {
    if (!waiting) return;
    let live = true;
    chat.handoffPreview().then(
      (p) => {
        if (!live) return;
        setPreview(p);
        setFailed(false);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [waiting, open, count]);
  if (!waiting) return null;
  return (
    <section class="sc-preview" aria-labelledby={`${id}t`}>
      <h3 class="sc-preview-head">
        <button
          type="button"
          id={`${id}t`}
          class="sc-preview-toggle"
          aria-expanded={open ? 'true' : 'false'}
          aria-controls={`${id}b`}
          onClick={() => setOpen(!open)}
        >
          <Icon name="person" size={16} />
          <span>{i18n.t('preview.title')}</span>
          {preview?.topicLabel && !open ? <span class="sc-preview-topic">· {preview.topicLabel}</span> : null}
          <span class={`sc-preview-chevron${open ? ' sc-preview-chevron--open' : ''}`} aria-hidden="true" />
        </button>
      </h3>
      {preview?.urgent ? <p class="sc-preview-urgent">{i18n.t('queue.urgent')}</p> : null}
      <div id={`${id}b`} class="sc-preview-body" hidden={!open}>
        {failed && !preview ? <p class="sc-preview-error">{i18n.t('preview.loadFailed')}</p> : null}
        {preview ? (
          <>
            <Details ctx={ctx} preview={preview} />
            <NoteForm ctx={ctx} preview={preview} onSaved={setPreview} />
          </>
        ) : null}
      </div>
    </section>
  );
}
