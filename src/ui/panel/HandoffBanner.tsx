/**
 * Banners about the way to a person: requested, queue (see `QueueBanner`), rejected. (Offline has
 * its own card: OfflineCard.)
 * @module
 */
import type { JSX } from 'preact';
import type { PanelContext } from './context';
import { QueueBanner } from './QueueBanner';

/** The banner under the header, or nothing. */
export function HandoffBanner({ ctx }: { ctx: PanelContext }): JSX.Element | null {
  const { i18n } = ctx;
  const s = ctx.chat.state;
  const handoff = s.handoff.value;
  if (s.operator.value) return null;

  let text = '';
  let tone: 'info' | 'warn' = 'info';
  let busy = false;
  switch (handoff.state) {
    case 'requested':
      // Nobody is on shift: no "Connecting…" spinner for the moment until the server says `offline`.
      if (s.availability.value?.operatorsOnline === false) return null;
      text = i18n.t('handoff.requested');
      busy = true;
      break;
    case 'queued':
      return <QueueBanner ctx={ctx} />;
    case 'rejected':
      text = handoff.reason?.trim() || i18n.t('handoff.rejected');
      tone = 'warn';
      break;
    // `offline` has its own card in the footer (OfflineCard): when people are back, leave a message.
    default:
      return null;
  }
  return (
    <div class={`sc-banner sc-banner--${tone}`}>
      {busy ? <span class="sc-spinner" aria-hidden="true" /> : null}
      <span dir="auto">{text}</span>
    </div>
  );
}
