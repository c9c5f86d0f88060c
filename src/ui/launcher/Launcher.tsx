/**
 * The floating launcher: a native button that opens and closes the chat, with an unread badge.
 * @module
 */
import type { JSX, Ref } from 'preact';
import type { ChatState } from '../../core/state';
import type { I18n } from '../../i18n';
import { Icon } from '../shared/icons';

/** Props of {@link Launcher}. */
export interface LauncherProps {
  state: ChatState;
  i18n: I18n;
  /** Id of the dialog the button controls. */
  panelId: string;
  onToggle(): void;
  buttonRef: Ref<HTMLButtonElement>;
}

/** The launcher bubble. Re-renders only when `isOpen` or `unread` change. */
export function Launcher({ state, i18n, panelId, onToggle, buttonRef }: LauncherProps): JSX.Element {
  const open = state.isOpen.value;
  const unread = state.unread.value;
  return (
    <button
      ref={buttonRef}
      type="button"
      class={open ? 'sc-launcher sc-launcher--open' : 'sc-launcher'}
      aria-expanded={open ? 'true' : 'false'}
      aria-controls={panelId}
      onClick={onToggle}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.preventDefault();
          onToggle();
        }
      }}
    >
      <span class="sc-launcher-icon sc-launcher-icon--chat">
        <Icon name="chat" size={28} filled />
      </span>
      <span class="sc-launcher-icon sc-launcher-icon--close">
        <Icon name="close" size={26} />
      </span>
      <span class="sc-vh">{i18n.t(open ? 'launcher.close' : 'launcher.open')}</span>
      {unread > 0 && !open ? (
        <span class="sc-badge">
          <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
          <span class="sc-vh">{i18n.t('launcher.unread', { count: unread })}</span>
        </span>
      ) : null}
    </button>
  );
}
