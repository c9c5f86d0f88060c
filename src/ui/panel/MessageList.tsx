/**
 * The transcript (`role="log"`): history button, grouped messages, system lines, typing,
 * rating. Sticks to the bottom only while the user is at the bottom; otherwise new messages
 * show a "New messages ↓" pill. Never moves focus.
 * @module
 */
import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Action } from '../../core/model';
import { clipText } from '../parts/describe';
import type { PartEnv } from '../parts/types';
import type { PanelContext } from './context';
import { MessageItem } from './MessageItem';
import { RatingPrompt } from './RatingPrompt';
import { buildTranscript, type Row } from './transcript';
import { TypingIndicator } from './TypingIndicator';

/** Distance from the bottom (px) that still counts as "at the bottom". */
const STICKY_PX = 48;

function NoteLine({ row, ctx }: { row: Extract<Row, { kind: 'note' | 'system' }>; ctx: PanelContext }): JSX.Element {
  let text: string;
  if (row.kind === 'system') text = clipText(row.message.parts.map((p) => (p.kind === 'text' ? clipText(p.text) : '')).join(' '));
  else if (row.note.kind === 'closed') text = ctx.i18n.t('conversation.closed');
  else {
    const name = row.note.name || ctx.i18n.t('message.agent');
    text = ctx.i18n.t(row.note.kind === 'joined' ? 'handoff.joined' : 'handoff.left', { name });
  }
  return (
    <div class="sc-system" dir="auto">
      <span>{text}</span>
    </div>
  );
}

/** One env for the whole list, stable across renders; actions go to the latest `onAction`. */
function usePartEnv(ctx: PanelContext, onAction: (action: Action) => void): PartEnv {
  const actionRef = useRef(onAction);
  actionRef.current = onAction;
  const { i18n, chat, renderPart } = ctx;
  return useMemo<PartEnv>(
    () => ({
      i18n,
      onAction: (action) => actionRef.current(action),
      renderPart,
      reportError: (error) => chat.reportError(error),
    }),
    [i18n, chat, renderPart],
  );
}

/** The scrollable transcript. */
export function MessageList({ ctx, onAction }: { ctx: PanelContext; onAction(action: Action, fromQuickReply?: boolean): void }): JSX.Element {
  const { chat, i18n } = ctx;
  const s = chat.state;
  const messages = s.messages.value;
  const notes = ctx.notes.value;
  const typing = s.typing.value;
  const open = s.isOpen.value;
  const closed = s.conversation.value === 'closed';
  const canRate = closed && s.capabilities.value.rating;
  const hasMore = s.hasMoreHistory.value;

  const listRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lastKey = useRef<string | undefined>(undefined);
  const restoreFromBottom = useRef<number | null>(null);
  const [pill, setPill] = useState(false);
  const [loading, setLoading] = useState(false);
  const parts = usePartEnv(ctx, onAction);

  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const last = messages.at(-1);
    const key = last ? (last.clientId ?? last.id) : undefined;
    const appended = key !== lastKey.current;
    lastKey.current = key;
    if (restoreFromBottom.current !== null) {
      el.scrollTop = el.scrollHeight - restoreFromBottom.current;
      restoreFromBottom.current = null;
      return;
    }
    if (atBottom.current || (appended && last?.from.role === 'user')) {
      el.scrollTop = el.scrollHeight;
      atBottom.current = true;
      setPill(false);
    } else if (appended) {
      setPill(true);
    }
  }, [messages, notes, typing, open, closed]);

  // The list shrinks when the footer grows (verification form, uploads, a taller draft):
  // stay pinned to the newest message if the user was there.
  useEffect(() => {
    const el = listRef.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const el = listRef.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICKY_PX;
    if (atBottom.current && pill) setPill(false);
  };
  // Images finishing loading grow the transcript: stay pinned when the user was at the bottom.
  const onMediaLoad = () => {
    const el = listRef.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  };
  const toBottom = () => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    setPill(false);
  };
  const loadOlder = () => {
    const el = listRef.current;
    if (loading) return;
    setLoading(true);
    if (el) restoreFromBottom.current = el.scrollHeight - el.scrollTop;
    chat.loadOlder().finally(() => setLoading(false));
  };

  const rows = buildTranscript(messages, notes);
  return (
    <div class="sc-list-wrap">
      <div class="sc-list" ref={listRef} role="log" aria-live="off" aria-label={i18n.t('list.label')} tabIndex={0} onScroll={onScroll} onLoadCapture={onMediaLoad}>
        {hasMore ? (
          <button type="button" class="sc-history-btn" onClick={loadOlder} disabled={loading} aria-busy={loading ? 'true' : 'false'}>
            {i18n.t(loading ? 'list.loading' : 'list.loadEarlier')}
          </button>
        ) : null}
        {rows.length === 0 ? <p class="sc-empty">{i18n.t('list.empty')}</p> : null}
        {rows.map((row) =>
          row.kind === 'message' ? (
            <MessageItem
              key={row.key}
              message={row.message}
              first={row.first}
              last={row.last}
              quickReplies={row.quickReplies}
              i18n={i18n}
              parts={parts}
              onAction={onAction}
              onRetry={(id) => {
                chat.retry(id);
                ctx.focusComposer();
              }}
              onDelete={(id) => {
                chat.remove(id);
                ctx.focusComposer();
              }}
            />
          ) : (
            <NoteLine key={row.key} row={row} ctx={ctx} />
          ),
        )}
        {typing ? <TypingIndicator /> : null}
        {canRate ? <RatingPrompt chat={chat} i18n={i18n} /> : null}
      </div>
      {pill ? (
        <button type="button" class="sc-pill" onClick={toBottom}>
          {i18n.t('list.newMessages')}
        </button>
      ) : null}
    </div>
  );
}
