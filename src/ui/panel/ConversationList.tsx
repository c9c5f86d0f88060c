/**
 * The list of the person's conversations inside the panel (several conversations): channel or
 * title, last message, time, unread count, read-only and closed marks, "New conversation" per
 * writable channel. Arrow keys, Home and End move between the items; Escape goes back.
 * @module
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConversationSummary } from '../../core/model';
import { Icon } from '../shared/icons';
import { channelsOf, channelTitle, conversationTitle } from './conversation-labels';
import type { PanelContext } from './context';

/** Props of {@link ConversationList}. */
export interface ConversationListProps {
  ctx: PanelContext;
  /** Back to the conversation on screen (after an open, too). */
  onBack(): void;
}

function Item({
  c,
  ctx,
  busy,
  onOpen,
}: {
  c: ConversationSummary;
  ctx: PanelContext;
  busy: boolean;
  onOpen(c: ConversationSummary): void;
}) {
  const { i18n } = ctx;
  const current = c.id === ctx.chat.state.conversationId.value;
  const title = conversationTitle(c, i18n);
  const last = c.lastMessage;
  const preview = last ? (last.from === 'user' ? i18n.t('convs.you', { text: last.text }) : last.text) : i18n.t('convs.empty');
  const unread = current ? 0 : c.unread;
  return (
    <li>
      <button
        type="button"
        class={`sc-conv-item${unread > 0 ? ' sc-conv-item--unread' : ''}`}
        aria-current={current ? 'true' : undefined}
        disabled={busy}
        onClick={() => onOpen(c)}
      >
        <span class="sc-conv-icon" aria-hidden="true">
          <Icon name={c.readOnly ? 'lock' : 'chat'} size={18} />
        </span>
        <span class="sc-conv-main">
          <span class="sc-conv-top">
            <span class="sc-conv-name" dir="auto">
              {title}
            </span>
            <time class="sc-conv-time" dateTime={c.updatedAt}>
              {i18n.formatWhen(c.updatedAt)}
            </time>
          </span>
          <span class="sc-conv-bottom">
            <span class="sc-conv-preview" dir="auto">
              {preview}
            </span>
            {unread > 0 ? (
              <span class="sc-conv-badge">
                <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
                <span class="sc-vh">{i18n.t('launcher.unread', { count: unread })}</span>
              </span>
            ) : null}
          </span>
          <span class="sc-conv-marks">
            {current ? <span class="sc-conv-mark">{i18n.t('convs.current')}</span> : null}
            {c.readOnly ? <span class="sc-conv-mark">{i18n.t('convs.readOnly')}</span> : null}
            {c.state === 'closed' ? <span class="sc-conv-mark">{i18n.t('convs.closed')}</span> : null}
          </span>
        </span>
      </button>
    </li>
  );
}

/** Moves focus between the list's items with the arrow keys, Home and End. */
function onListKeys(event: KeyboardEvent): void {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  const list = event.currentTarget as HTMLElement;
  const items = Array.from(list.querySelectorAll<HTMLButtonElement>('.sc-conv-item'));
  const active = (list.getRootNode() as Document | ShadowRoot).activeElement;
  const at = items.indexOf(active as HTMLButtonElement);
  const next = event.key === 'Home' ? 0 : event.key === 'End' ? items.length - 1 : at + (event.key === 'ArrowDown' ? 1 : -1);
  const target = items[Math.max(0, Math.min(items.length - 1, next))];
  if (!target) return;
  event.preventDefault();
  target.focus();
}

/** The conversation list view. */
export function ConversationList({ ctx, onBack }: ConversationListProps): JSX.Element {
  const { chat, i18n } = ctx;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const conversations = chat.state.conversations.value;
  const writable = (channelsOf(chat) ?? []).filter((c) => !c.readOnly);
  useEffect(() => {
    void chat.refreshConversations().catch(() => undefined);
    const first = listRef.current?.querySelector<HTMLButtonElement>('[aria-current="true"]') ?? listRef.current?.querySelector('button');
    first?.focus();
  }, []);
  const run = (title: string, action: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    action().then(
      () => {
        setBusy(false);
        ctx.announce(i18n.t('convs.opened', { title }));
        onBack();
      },
      (e: unknown) => {
        setBusy(false);
        const text = e instanceof Error && /unsent/.test(e.message) ? i18n.t('convs.unsent') : i18n.t('convs.failed');
        setError(text);
        ctx.announce(text);
      },
    );
  };
  const open = (c: ConversationSummary) => run(conversationTitle(c, i18n), () => chat.openConversation(c.id));
  return (
    <section class="sc-convs" aria-labelledby="sc-convs-title">
      <h3 class="sc-convs-title" id="sc-convs-title">
        {i18n.t('convs.title')}
      </h3>
      {error ? (
        <p class="sc-convs-error" role="alert">
          {error}
        </p>
      ) : null}
      <ul class="sc-conv-list" ref={listRef} onKeyDown={onListKeys} aria-labelledby="sc-convs-title" aria-busy={busy ? 'true' : undefined}>
        {conversations.map((c) => (
          <Item key={c.id} c={c} ctx={ctx} busy={busy} onOpen={open} />
        ))}
      </ul>
      <div class="sc-convs-new">
        {writable.map((ch) => {
          const label = ch.id === 'support' ? i18n.t('convs.new') : i18n.t('convs.newIn', { channel: channelTitle(ch, i18n) });
          return (
            <button
              key={ch.id}
              type="button"
              class="sc-btn sc-btn--primary"
              disabled={busy}
              onClick={() => run(label, () => chat.newConversation(ch.id))}
            >
              {label}
            </button>
          );
        })}
      </div>
    </section>
  );
}
