/**
 * The small parts of several conversations around the transcript: the header's "Conversations"
 * button (with the unread total of the other conversations) and its "Back" twin, the read-only
 * note in place of the composer, and "New conversation" after a close.
 * @module
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { Icon } from '../shared/icons';
import { activeSummary, channelsOf, conversationTitle, unreadElsewhere } from './conversation-labels';
import type { PanelContext } from './context';

/** The header button that toggles the list. */
export function ConversationsButton({
  ctx,
  listOpen,
  onToggle,
}: {
  ctx: PanelContext;
  listOpen: boolean;
  onToggle(): void;
}): JSX.Element | null {
  const { chat, i18n } = ctx;
  if (!channelsOf(chat)) return null;
  if (listOpen) {
    return (
      <button type="button" class="sc-icon-btn sc-convs-back" aria-label={i18n.t('convs.back')} onClick={onToggle}>
        <Icon name="back" size={22} />
      </button>
    );
  }
  const prefetch = () => ctx.flows.prefetch('conversations');
  const unread = unreadElsewhere(chat);
  const label = unread > 0 ? `${i18n.t('convs.button')}, ${i18n.t('launcher.unread', { count: unread })}` : i18n.t('convs.button');
  return (
    <button
      type="button"
      class="sc-icon-btn sc-convs-btn"
      aria-label={label}
      title={i18n.t('convs.button')}
      onClick={onToggle}
      // The list is a stage of its own: fetched on the first sign of intent, in before the click.
      onPointerEnter={prefetch}
      onFocus={prefetch}
      onTouchStart={prefetch}
    >
      <Icon name="list" size={22} />
      {unread > 0 ? (
        <span class="sc-convs-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </button>
  );
}

/** True when the conversation on screen takes no messages from the customer. */
export function isReadOnly(ctx: PanelContext): boolean {
  return channelsOf(ctx.chat) !== null && activeSummary(ctx.chat)?.readOnly === true;
}

/** True when a closed conversation shows "New conversation" instead of the composer. */
export function showsEnded(ctx: PanelContext): boolean {
  return channelsOf(ctx.chat) !== null && ctx.chat.state.conversation.value === 'closed';
}

/** The header line of a read-only channel: its name, not a reply time (nobody replies there). */
export function readOnlyLine(ctx: PanelContext): string | undefined {
  const active = activeSummary(ctx.chat);
  return active && isReadOnly(ctx) ? conversationTitle(active, ctx.i18n) : undefined;
}

/** In place of the composer in a read-only channel. */
export function ReadOnlyNote({ ctx }: { ctx: PanelContext }): JSX.Element {
  return (
    <p class="sc-readonly-note">
      <Icon name="lock" size={16} />
      <span>{ctx.i18n.t('convs.readOnlyNote')}</span>
    </p>
  );
}

/** In place of the composer after a close: the ended line and "New conversation". */
export function EndedBar({ ctx }: { ctx: PanelContext }): JSX.Element {
  const { chat, i18n } = ctx;
  const [busy, setBusy] = useState(false);
  const start = () => {
    if (busy) return;
    setBusy(true);
    chat.newConversation('support').then(
      () => {
        setBusy(false);
        ctx.announce(i18n.t('convs.opened', { title: i18n.t('convs.new') }));
        ctx.focusComposer();
      },
      () => {
        setBusy(false);
        ctx.announce(i18n.t('convs.failed'));
      },
    );
  };
  return (
    <div class="sc-ended">
      <p class="sc-ended-text">{i18n.t('convs.ended')}</p>
      <button type="button" class="sc-btn sc-btn--primary" disabled={busy} onClick={start}>
        {i18n.t('convs.new')}
      </button>
    </div>
  );
}
