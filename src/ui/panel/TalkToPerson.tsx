/**
 * The always-available "Talk to a person" button: shown whenever the backend can hand off and
 * no operator, request or queue is under way.
 * @module
 */
import type { JSX } from 'preact';
import { Icon } from '../shared/icons';
import type { PanelContext } from './context';

const IDLE_STATES = new Set(['none', 'rejected', 'offline']);

/** The handoff button, or nothing. */
export function TalkToPerson({ ctx }: { ctx: PanelContext }): JSX.Element | null {
  const s = ctx.chat.state;
  const capable = s.capabilities.value.humanHandoff !== 'none';
  const handoff = s.handoff.value.state;
  // While offline with a leave-a-message step, the offline card is the way to a person.
  const leaving = handoff === 'offline' && s.capabilities.value.leaveMessage === true;
  const idle = IDLE_STATES.has(handoff) && !leaving && !s.operator.value && s.conversation.value !== 'queued';
  if (!capable || !idle) return null;
  return (
    <div class="sc-talk">
      <button
        type="button"
        class="sc-chip sc-chip--talk"
        onClick={() => {
          void ctx.chat.requestHandoff();
          ctx.focusComposer();
        }}
      >
        <Icon name="person" size={16} />
        {ctx.i18n.t('handoff.talk')}
      </button>
    </div>
  );
}
