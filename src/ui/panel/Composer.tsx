/**
 * The composer: auto-growing textarea (Enter sends, Shift+Enter breaks the line, nothing is
 * sent while an IME is composing), attach button, staged files (picked, pasted or dropped),
 * send button. Files are uploaded by the chat's outbox after send, so the message shows at once.
 * It keeps working offline: the chat queues messages.
 * @module
 */
import type { JSX, Ref } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Icon } from '../shared/icons';
import type { PanelContext } from './context';
import { useFileMessages } from './use-file-messages';
import { useStagedFiles } from './use-staged-files';

/** Typing "on" is sent at most this often; "off" after this long without input. */
const TYPING_THROTTLE_MS = 3000;
const TYPING_IDLE_MS = 4000;

/** The message form. */
export function Composer({ ctx, inputRef }: { ctx: PanelContext; inputRef: Ref<HTMLTextAreaElement> }): JSX.Element {
  const { chat, i18n } = ctx;
  const caps = chat.state.capabilities.value;
  // The draft lives in core: it survives closing the panel, a reload and a closed tab.
  const text = chat.state.draft.value;
  const setText = (value: string) => chat.setDraft(value);
  const [error, setError] = useState('');
  const composing = useRef(false);
  const typingSentAt = useRef(0);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const fileRef = useRef<HTMLInputElement>(null);
  const areaRef = useRef<HTMLTextAreaElement | null>(null);

  const showError = (message: string) => {
    setError(message);
    ctx.announce(message);
  };
  const staged = useStagedFiles(chat, i18n, showError);
  const sendFiles = useFileMessages(chat, i18n, ctx.announce);

  const stopTyping = () => {
    if (idleTimer.current !== undefined) clearTimeout(idleTimer.current);
    idleTimer.current = undefined;
    if (typingSentAt.current) chat.setTyping(false);
    typingSentAt.current = 0;
  };
  useEffect(() => () => stopTyping(), []);

  useLayoutEffect(() => {
    const el = areaRef.current;
    if (!el) return;
    // CSSOM writes, not style="" strings: allowed under a strict CSP.
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
  }, [text]);

  const canSendText = (value: string) => value.trim().length > 0 || staged.items.length > 0;

  const send = () => {
    // Read the field itself: a keystroke can arrive before the re-render that follows input.
    const value = areaRef.current?.value ?? text;
    if (!canSendText(value)) return;
    const files = staged.items.map((it) => it.file);
    const sent = files.length ? sendFiles(files, value) : chat.send(value);
    if (!sent) return;
    setText('');
    setError('');
    staged.clear();
    stopTyping();
  };

  const onInput = (event: Event) => {
    const value = (event.currentTarget as HTMLTextAreaElement).value;
    setText(value);
    if (!caps.typing.outbound) return;
    const now = Date.now();
    if (value && now - typingSentAt.current > TYPING_THROTTLE_MS) {
      typingSentAt.current = now;
      chat.setTyping(true);
    }
    if (idleTimer.current !== undefined) clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
    // keyCode 229: Safari reports the Enter that ends an IME composition this way.
    if (event.isComposing || composing.current || event.keyCode === 229) return;
    event.preventDefault();
    send();
  };

  const attachments = caps.attachments;
  /** Stages files; true when there were any (pasted or dropped ones are then not inserted). */
  const stage = (list: FileList | null | undefined): boolean => {
    const files = list ? Array.from(list) : [];
    if (!attachments || !files.length) return false;
    setError('');
    staged.add(files);
    return true;
  };
  const onFiles = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    stage(input.files);
    input.value = '';
  };
  const hasFiles = (event: DragEvent) => !!attachments && !!event.dataTransfer?.types.includes('Files');
  return (
    <form
      class="sc-composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      onDragOver={(e) => {
        if (hasFiles(e)) e.preventDefault();
      }}
      onDrop={(e) => {
        if (hasFiles(e) && stage(e.dataTransfer?.files)) e.preventDefault();
      }}
    >
      {error ? (
        <div class="sc-composer-error">
          <span>{error}</span>
          <button type="button" class="sc-icon-btn sc-icon-btn--small" aria-label={i18n.t('error.dismiss')} onClick={() => setError('')}>
            <Icon name="close" size={14} />
          </button>
        </div>
      ) : null}
      {staged.items.length ? (
        <ul class="sc-uploads">
          {staged.items.map((it) => (
            <li key={it.key} class="sc-upload">
              <Icon name="file" size={16} />
              <span class="sc-upload-name" title={it.file.name}>
                {it.file.name}
              </span>
              <button
                type="button"
                class="sc-icon-btn sc-icon-btn--small"
                aria-label={i18n.t('upload.remove', { name: it.file.name })}
                onClick={() => staged.remove(it.key)}
              >
                <Icon name="close" size={14} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div class="sc-composer-row">
        {attachments ? (
          <>
            <button type="button" class="sc-icon-btn sc-attach" aria-label={i18n.t('composer.attach')} onClick={() => fileRef.current?.click()}>
              <Icon name="clip" size={20} />
            </button>
            <input ref={fileRef} type="file" hidden multiple={attachments.maxFiles > 1} accept={attachments.accept.join(',')} onChange={onFiles} tabIndex={-1} />
          </>
        ) : null}
        <textarea
          ref={(el) => {
            areaRef.current = el;
            if (typeof inputRef === 'function') inputRef(el);
            else if (inputRef) inputRef.current = el;
          }}
          class="sc-input"
          rows={1}
          value={text}
          dir="auto"
          placeholder={i18n.t('composer.placeholder')}
          aria-label={i18n.t('composer.label')}
          aria-describedby="sc-composer-hint"
          enterkeyhint="send"
          onInput={onInput}
          onKeyDown={onKeyDown}
          onPaste={(e) => {
            if (stage(e.clipboardData?.files)) e.preventDefault();
          }}
          onCompositionStart={() => void (composing.current = true)}
          onCompositionEnd={() => void (composing.current = false)}
        />
        <button type="submit" class="sc-send" aria-label={i18n.t('composer.send')} disabled={!canSendText(text)}>
          <Icon name="send" size={20} />
        </button>
      </div>
      <span id="sc-composer-hint" class="sc-vh">
        {i18n.t('composer.newLineHint')}
      </span>
    </form>
  );
}
