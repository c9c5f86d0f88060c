/**
 * The chat dialog: header, handoff banner, transcript, verification form, "Talk to a person",
 * composer. Non-modal on desktop and inline; full-screen and `aria-modal` below 640 px.
 * @module
 */
import type { JSX, Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Action } from '../../core/model';
import { LINK_SCHEMES, safeUrl } from '../shared/safe-url';
import { NARROW_QUERY } from '../shared/viewport';
import { Composer } from './Composer';
import { ConversationsButton, EndedBar, isReadOnly, ReadOnlyNote, readOnlyLine, showsEnded } from './ConversationBars';
import type { PanelContext } from './context';
import { ConversationListSlot, OfflineSlot, PreviewSlot, usePrefetchFlows, VerificationSlot } from './flows/slots';
import { HandoffBanner } from './HandoffBanner';
import { Header } from './Header';
import { MessageList } from './MessageList';
import { TalkToPerson } from './TalkToPerson';

/** True while the viewport is below 640 px (the full-screen, modal layout). */
function useNarrow(): boolean {
  const query = typeof matchMedia === 'function' ? matchMedia(NARROW_QUERY) : null;
  const [narrow, setNarrow] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const update = () => setNarrow(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return narrow;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]):not([type="file"]), textarea:not([disabled]), [tabindex="0"]';

/** Wraps Tab at the ends of the full-screen (modal) dialog, so focus cannot reach the page behind. */
function keepFocusInside(event: KeyboardEvent): void {
  const dialog = event.currentTarget as HTMLElement;
  const items = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE));
  const first = items[0];
  const last = items[items.length - 1];
  const active = (dialog.getRootNode() as Document | ShadowRoot).activeElement;
  if (!first || !last) return;
  if (event.shiftKey && active === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

/** Props of {@link Panel}. */
export interface PanelProps {
  ctx: PanelContext;
  /** The user closed the dialog (button or Escape). */
  onClose(): void;
  inputRef: Ref<HTMLTextAreaElement>;
}

/** The dialog. */
export function Panel({ ctx, onClose, inputRef }: PanelProps): JSX.Element {
  // Modal (focus kept inside, aria-modal) only full-screen on a phone; never inline.
  const narrow = useNarrow() && !ctx.inline;
  const [list, setList] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  usePrefetchFlows(ctx);
  const back = () => {
    setList(false);
    // To the composer; a read-only channel has none: to the Conversations button then.
    setTimeout(() => {
      const el = panelRef.current;
      if (el?.querySelector('textarea')) ctx.focusComposer();
      else el?.querySelector<HTMLElement>('.sc-convs-btn')?.focus();
    }, 0);
  };
  const onAction = (action: Action, fromQuickReply = false) => {
    if (action.kind === 'url') {
      const url = safeUrl(action.value, LINK_SCHEMES);
      if (url) ctx.openUrl(url);
      return;
    }
    ctx.chat.choose(action);
    // The pressed quick reply disappears with its row: keep focus in the dialog, on the composer.
    if (fromQuickReply) ctx.focusComposer();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Tab' && narrow) return keepFocusInside(event);
    if (event.key !== 'Escape' || event.isComposing || event.defaultPrevented) return;
    event.preventDefault();
    event.stopPropagation();
    if (list) back();
    else onClose();
  };
  return (
    <div
      class="sc-panel"
      ref={panelRef}
      id={ctx.ids.panel}
      role="dialog"
      aria-labelledby={ctx.ids.title}
      aria-modal={narrow ? 'true' : undefined}
      lang={ctx.i18n.lang}
      dir={ctx.i18n.dir}
      onKeyDown={onKeyDown}
    >
      <Header
        ctx={ctx}
        onClose={onClose}
        subtitle={readOnlyLine(ctx) ?? ctx.subtitle}
        actions={<ConversationsButton ctx={ctx} listOpen={list} onToggle={() => (list ? back() : setList(true))} />}
      />
      {list ? (
        <ConversationListSlot ctx={ctx} onBack={back} />
      ) : (
        <>
          <HandoffBanner ctx={ctx} />
          <MessageList ctx={ctx} onAction={onAction} />
          <div class="sc-footer">
            {isReadOnly(ctx) ? (
              <ReadOnlyNote ctx={ctx} />
            ) : showsEnded(ctx) ? (
              <EndedBar ctx={ctx} />
            ) : (
              <>
                <PreviewSlot ctx={ctx} />
                <VerificationSlot ctx={ctx} />
                <OfflineSlot ctx={ctx} />
                <TalkToPerson ctx={ctx} />
                <Composer ctx={ctx} inputRef={inputRef} />
              </>
            )}
          </div>
        </>
      )}
    </div>
  );
}
