/**
 * The transcript (`role="log"`): history button, grouped messages, system lines, typing, the
 * closing cards (rating, transcript download). Sticks to the bottom only while the user is at the
 * bottom; otherwise new messages show a "New messages ↓" pill. Never moves focus.
 * @module
 */
import type { JSX } from 'preact';
import { useMemo, useRef } from 'preact/hooks';
import type { Action } from '../../core/model';
import { clipText } from '../parts/describe';
import type { PartEnv } from '../parts/types';
import type { PanelContext } from './context';
import { ConversationEnd } from './ConversationEnd';
import { MessageRow } from './MessageItem';
import { noteOf } from './system-notes';
import { buildTranscript, type Row } from './transcript';
import { TypingIndicator } from './TypingIndicator';
import { useTranscriptWindow } from './use-transcript-window';

function NoteLine({ row, ctx }: { row: Extract<Row, { kind: 'note' | 'system' }>; ctx: PanelContext }): JSX.Element {
  let text: string;
  const note = row.kind === 'note' ? row.note : noteOf(row.message);
  if (!note)
    text = row.kind === 'note' ? '' : clipText(row.message.parts.map((p) => (p.kind === 'text' ? clipText(p.text) : '')).join(' '));
  else if (note.kind === 'closed') text = ctx.i18n.t('conversation.closed');
  else {
    const name = note.name || ctx.i18n.t('message.agent');
    text = ctx.i18n.t(note.kind === 'joined' ? 'handoff.joined' : 'handoff.left', { name });
  }
  return (
    <div class="sc-system" dir="auto" data-key={row.key}>
      <span>{text}</span>
    </div>
  );
}

/** One env for the whole list, stable across renders; actions go to the latest `onAction`. */
function usePartEnv(ctx: PanelContext, onAction: (action: Action) => void): PartEnv {
  const actionRef = useRef(onAction);
  actionRef.current = onAction;
  const { i18n, chat, renderPart } = ctx;
  const richText = chat.state.capabilities.value.richText === true;
  return useMemo<PartEnv>(
    () => ({
      i18n,
      onAction: (action) => actionRef.current(action),
      renderPart,
      reportError: (error) => chat.reportError(error),
      richText,
    }),
    [i18n, chat, renderPart, richText],
  );
}

/** The scrollable transcript. */
export function MessageList({
  ctx,
  onAction,
}: {
  ctx: PanelContext;
  onAction(action: Action, fromQuickReply?: boolean): void;
}): JSX.Element {
  const { chat, i18n } = ctx;
  const s = chat.state;
  const messages = s.messages.value;
  const notes = ctx.notes.value;
  const typing = s.typing.value;
  const closed = s.conversation.value === 'closed';
  const parts = usePartEnv(ctx, onAction);
  const { range, scroll, hasEarlier, loading, showEarlier } = useTranscriptWindow(chat, messages);
  // Stable callbacks: a row re-renders only when its own props change (see MessageRow).
  const latest = useRef({ chat, ctx, onAction });
  latest.current = { chat, ctx, onAction };
  const handlers = useMemo(
    () => ({
      onAction: (action: Action, fromQuickReply?: boolean) => latest.current.onAction(action, fromQuickReply),
      onRetry(id: string) {
        latest.current.chat.retry(id);
        latest.current.ctx.focusComposer();
      },
      onDelete(id: string) {
        latest.current.chat.remove(id);
        latest.current.ctx.focusComposer();
      },
    }),
    [],
  );

  const rows = buildTranscript(messages, notes, range);
  return (
    <div class="sc-list-wrap">
      <div
        class="sc-list"
        ref={scroll.listRef}
        role="log"
        aria-live="off"
        aria-label={i18n.t('list.label')}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be reachable by keyboard to scroll it (axe scrollable-region-focusable)
        tabIndex={0}
        onScroll={scroll.onScroll}
      >
        <div class="sc-list-rows" ref={scroll.contentRef}>
          {hasEarlier ? (
            <button type="button" class="sc-history-btn" onClick={showEarlier} disabled={loading} aria-busy={loading ? 'true' : 'false'}>
              {i18n.t(loading ? 'list.loading' : 'list.loadEarlier')}
            </button>
          ) : null}
          {rows.length === 0 ? <p class="sc-empty">{i18n.t('list.empty')}</p> : null}
          {rows.map((row) =>
            row.kind === 'message' ? (
              <MessageRow
                key={row.key}
                rowKey={row.key}
                message={row.message}
                first={row.first}
                last={row.last}
                quickReplies={row.quickReplies}
                i18n={i18n}
                parts={parts}
                onAction={handlers.onAction}
                onRetry={handlers.onRetry}
                onDelete={handlers.onDelete}
              />
            ) : (
              <NoteLine key={row.key} row={row} ctx={ctx} />
            ),
          )}
          {typing ? <TypingIndicator /> : null}
          {closed ? <ConversationEnd ctx={ctx} /> : null}
        </div>
      </div>
      {scroll.pill ? (
        <button type="button" class="sc-pill" onClick={scroll.toBottom}>
          {i18n.t('list.newMessages')}
        </button>
      ) : null}
    </div>
  );
}
