/**
 * The composer: auto-growing textarea (Enter sends, Shift+Enter breaks the line, nothing is
 * sent while an IME is composing), attach button, staged files (picked, pasted or dropped),
 * send button. Files are uploaded by the chat's outbox after send, so the message shows at once.
 * It keeps working offline: the chat queues messages. Typing, keys, files and the smaller pieces
 * live in `use-composer-typing.ts`, `use-composer-keys.ts`, `use-composer-files.ts` and
 * `ComposerParts.tsx`; the sensitive-data guard (card numbers, codes) in `use-sensitive-guard.ts`
 * and `SensitiveGuard.tsx`.
 * @module
 */
import type { JSX, Ref, RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Icon } from '../shared/icons';
import { AttachButton, ComposerError, StagedFileList } from './ComposerParts';
import type { PanelContext } from './context';
import { GuardSlot } from './flows/slots';
import { useComposerFiles } from './use-composer-files';
import { useComposerKeys } from './use-composer-keys';
import { useComposerTyping } from './use-composer-typing';
import { useFileMessages } from './use-file-messages';
import { useSensitiveGuard } from './use-sensitive-guard';

/** Grows the textarea with its text (CSSOM writes, not style="" strings: allowed under a strict CSP). */
function useAutosize(areaRef: RefObject<HTMLTextAreaElement | null>, text: string): void {
  useLayoutEffect(() => {
    const el = areaRef.current;
    if (!el) return;
    // Empty: the one-row height of the CSS, nothing to measure (opening the dialog forces no layout).
    if (!text) {
      el.style.height = '';
      return;
    }
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
  }, [text]);
}

/** The message form. */
export function Composer({ ctx, inputRef }: { ctx: PanelContext; inputRef: Ref<HTMLTextAreaElement> }): JSX.Element {
  const { chat, i18n } = ctx;
  const caps = chat.state.capabilities.value;
  // The draft lives in core: it survives closing the panel, a reload and a closed tab.
  const text = chat.state.draft.value;
  const setText = (value: string) => chat.setDraft(value);
  const [error, setError] = useState('');
  const areaRef = useRef<HTMLTextAreaElement | null>(null);

  const showError = (message: string) => {
    setError(message);
    ctx.announce(message);
  };
  const { staged, stage, onFiles, hasFiles } = useComposerFiles(chat, i18n, caps.attachments, showError, () => setError(''));
  const sendFiles = useFileMessages(chat, i18n, ctx.announce);
  const typing = useComposerTyping(chat);

  useAutosize(areaRef, text);

  const canSendText = (value: string) => value.trim().length > 0 || staged.items.length > 0;

  const deliver = (value: string) => {
    const files = staged.items.map((it) => it.file);
    const sent = files.length ? sendFiles(files, value) : chat.send(value);
    if (!sent) return;
    setText('');
    setError('');
    staged.clear();
    typing.stop();
  };
  // Card numbers, CVCs, codes and passwords are held for the customer's choice (SensitiveGuard).
  const guard = useSensitiveGuard({ ctx, deliver, field: () => areaRef.current });
  const send = () => {
    // Read the field itself: a keystroke can arrive before the re-render that follows input.
    const value = areaRef.current?.value ?? text;
    if (canSendText(value)) guard.submit(value);
  };
  const keys = useComposerKeys(send);

  const onInput = (event: Event) => {
    const value = (event.currentTarget as HTMLTextAreaElement).value;
    setText(value);
    guard.changed(value);
    if (caps.typing.outbound) typing.typed(value);
  };

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
      <GuardSlot ctx={ctx} guard={guard} i18n={i18n} />
      <ComposerError error={error} i18n={i18n} onDismiss={() => setError('')} />
      <StagedFileList staged={staged} i18n={i18n} />
      <div class="sc-composer-row">
        <AttachButton attachments={caps.attachments} i18n={i18n} onFiles={onFiles} />
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
          onKeyDown={keys.onKeyDown}
          onPaste={(e) => {
            if (stage(e.clipboardData?.files)) e.preventDefault();
          }}
          onCompositionStart={keys.onCompositionStart}
          onCompositionEnd={keys.onCompositionEnd}
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
