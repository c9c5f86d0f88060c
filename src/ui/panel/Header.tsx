/**
 * The coloured header: avatar, title, live status line, close button.
 * @module
 */
import type { JSX } from 'preact';
import { Icon } from '../shared/icons';
import { initial } from '../shared/format';
import type { PanelContext } from './context';
import { statusLine } from './status-line';

/** Header of the dialog. */
export function Header({ ctx, onClose }: { ctx: PanelContext; onClose(): void }): JSX.Element {
  const s = ctx.chat.state;
  const operator = s.operator.value;
  const line = statusLine(
    {
      connection: s.connection.value,
      typing: s.typing.value,
      operator,
      availability: s.availability.value,
      ...(ctx.subtitle ? { subtitle: ctx.subtitle } : {}),
    },
    ctx.i18n,
  );
  const letter = initial(operator?.name);
  return (
    <header class="sc-header">
      <div class="sc-avatar sc-avatar--header" aria-hidden="true">
        {operator && letter ? letter : <Icon name={operator ? 'person' : 'chat'} size={20} filled={!operator} />}
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
      <button type="button" class="sc-icon-btn sc-header-close" aria-label={ctx.i18n.t('header.close')} onClick={onClose}>
        <Icon name="close" size={22} />
      </button>
    </header>
  );
}
