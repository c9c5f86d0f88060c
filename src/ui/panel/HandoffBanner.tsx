/**
 * Banners about the way to a person: requested, queue (see `QueueBanner`), rejected, offline
 * with the time operators are back.
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
  const availability = s.availability.value;
  if (s.operator.value) return null;

  let text = '';
  let tone: 'info' | 'warn' = 'info';
  let busy = false;
  switch (handoff.state) {
    case 'requested':
      text = i18n.t('handoff.requested');
      busy = true;
      break;
    case 'queued':
      return <QueueBanner ctx={ctx} />;
    case 'rejected':
      text = handoff.reason?.trim() || i18n.t('handoff.rejected');
      tone = 'warn';
      break;
    case 'offline': {
      const time = availability?.nextOpenAt ? i18n.formatWhen(availability.nextOpenAt) : '';
      text = time ? i18n.t('handoff.offlineBackAt', { time }) : i18n.t('handoff.offline');
      tone = 'warn';
      break;
    }
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
