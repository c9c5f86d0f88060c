/**
 * Waiting in the queue: the position, the ETA counting down live between the server's updates
 * (down to "any moment now", never below), and "Leave the queue". The ticking figure is not a
 * live region; a change of position is announced politely, once.
 * @module
 */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { PanelContext } from './context';
import { formatClock, useQueueCountdown } from './use-countdown';

/** The queue banner's content. */
export function QueueBanner({ ctx }: { ctx: PanelContext }): JSX.Element {
  const { i18n, chat } = ctx;
  const s = chat.state;
  const queue = s.queue.value;
  const position = queue?.position ?? null;
  const left = useQueueCountdown(queue);
  const announced = useRef<number | null>(null);
  useEffect(() => {
    if (position === null || position === announced.current) return;
    announced.current = position;
    ctx.announce(i18n.t('queue.moved', { position }));
  }, [position]);
  const canLeave = s.capabilities.value.queueLeave === true;
  const leave = () => {
    void chat.cancelHandoff().then(() => ctx.announce(i18n.t('queue.left')));
    ctx.focusComposer();
  };
  return (
    <div class="sc-banner sc-queue">
      <span class="sc-spinner" aria-hidden="true" />
      <span class="sc-queue-text" dir="auto">
        <span class="sc-queue-pos">
          {position === null ? i18n.t('handoff.queueWaiting') : i18n.t('handoff.queuePosition', { position })}
        </span>
        {left === undefined ? null : (
          <span class="sc-queue-eta">{left > 0 ? i18n.t('queue.eta', { time: formatClock(left) }) : i18n.t('queue.anyMoment')}</span>
        )}
      </span>
      {canLeave ? (
        <button type="button" class="sc-btn sc-btn--quiet sc-queue-leave" onClick={leave}>
          {i18n.t('queue.leave')}
        </button>
      ) : null}
    </div>
  );
}
