/**
 * The coloured header: avatar, title, live status line, close button.
 * @module
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConnectionStatus } from '../../core/model';
import { Icon } from '../shared/icons';
import { initials } from '../shared/format';
import { IMAGE_SCHEMES, safeUrl } from '../shared/safe-url';
import type { PanelContext } from './context';
import { statusLine } from './status-line';

/** How long "Back online" stays in the status line. */
const BACK_ONLINE_MS = 3000;

/** True for a few seconds after the connection came back from an outage. */
function useBackOnline(connection: ConnectionStatus): boolean {
  const previous = useRef(connection);
  const [back, setBack] = useState(false);
  useEffect(() => {
    const was = previous.current;
    previous.current = connection;
    const recovered = connection === 'online' && (was === 'reconnecting' || was === 'offline' || was === 'failed');
    setBack(recovered);
    if (!recovered) return;
    const timer = setTimeout(() => setBack(false), BACK_ONLINE_MS);
    return () => clearTimeout(timer);
  }, [connection]);
  return back;
}

/** Header of the dialog. */
export function Header({
  ctx,
  onClose,
  actions,
  subtitle = ctx.subtitle,
}: {
  ctx: PanelContext;
  onClose(): void;
  /** Buttons before the close button (the Conversations button). */
  actions?: ComponentChildren;
  /** Replaces the availability line (a read-only channel names itself: nobody replies there). */
  subtitle?: string | undefined;
}): JSX.Element {
  const s = ctx.chat.state;
  const operator = s.operator.value;
  const connection = s.connection.value;
  const backOnline = useBackOnline(connection);
  const line = statusLine(
    {
      connection,
      backOnline,
      typing: s.typing.value,
      operator,
      availability: s.availability.value,
      ...(subtitle ? { subtitle } : {}),
    },
    ctx.i18n,
  );
  const letter = initials(operator?.name);
  const photo = operator ? safeUrl(operator.avatarUrl, IMAGE_SCHEMES) : null;
  return (
    <header class="sc-header">
      <div class="sc-avatar sc-avatar--header" aria-hidden="true">
        {photo ? (
          <img src={photo} alt="" />
        ) : operator && letter ? (
          letter
        ) : (
          <Icon name={operator ? 'person' : 'chat'} size={20} filled={!operator} />
        )}
      </div>
      <div class="sc-header-text">
        <h2 class="sc-title" id={ctx.ids.title}>
          {ctx.title}
        </h2>
        <p class="sc-status-line">
          <span class={`sc-dot sc-dot--${line.tone}`} aria-hidden="true" />
          <span class="sc-status-text">{line.text}</span>
        </p>
      </div>
      {actions}
      <button type="button" class="sc-icon-btn sc-header-close" aria-label={ctx.i18n.t('header.close')} onClick={onClose}>
        <Icon name="close" size={22} />
      </button>
    </header>
  );
}
