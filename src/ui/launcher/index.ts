/**
 * First stage of the widget: the floating launcher, a native button that opens and closes the
 * chat, with an unread badge. Plain DOM over the state signals (no preact), so the first stage
 * of a split build stays small; it never imports the panel.
 * @module
 */
import { effect } from '@preact/signals-core';
import type { ChatState } from '../../core/state';
import type { I18n } from '../../i18n';
import { createIcon } from '../shared/launcher-icons';

/** What {@link renderLauncher} needs. */
export interface LauncherOptions {
  state: ChatState;
  i18n: I18n;
  /** Id of the dialog the button controls. */
  panelId: string;
  onToggle(): void;
}

/** A rendered launcher. */
export interface RenderedLauncher {
  focus(): void;
  unmount(): void;
}

function span(doc: Document, className: string, ...children: (Node | string)[]): HTMLSpanElement {
  const el = doc.createElement('span');
  el.className = className;
  el.append(...children);
  return el;
}

/** Renders the launcher into `container`; it follows `isOpen` and `unread`. */
export function renderLauncher(container: HTMLElement, { state, i18n, panelId, onToggle }: LauncherOptions): RenderedLauncher {
  const doc = container.ownerDocument;
  const button = doc.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-controls', panelId);
  const label = span(doc, 'sc-vh');
  const count = doc.createElement('span');
  count.setAttribute('aria-hidden', 'true');
  const countLabel = span(doc, 'sc-vh');
  const badge = span(doc, 'sc-badge', count, countLabel);
  button.append(
    span(doc, 'sc-launcher-icon sc-launcher-icon--chat', createIcon(doc, 'chat', 28, true)),
    span(doc, 'sc-launcher-icon sc-launcher-icon--close', createIcon(doc, 'close', 26)),
    label,
  );
  button.addEventListener('click', () => onToggle());
  button.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && state.isOpen.peek()) {
      event.preventDefault();
      onToggle();
    }
  });
  const stop = effect(() => {
    const open = state.isOpen.value;
    // Several conversations: unread messages of the others count too (a notification while closed).
    const active = state.conversationId.value;
    const unread = state.conversations.value.reduce((n, c) => (c.id === active ? n : n + c.unread), state.unread.value);
    button.className = open ? 'sc-launcher sc-launcher--open' : 'sc-launcher';
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    label.textContent = i18n.t(open ? 'launcher.close' : 'launcher.open');
    if (unread > 0 && !open) {
      count.textContent = unread > 99 ? '99+' : String(unread);
      countLabel.textContent = i18n.t('launcher.unread', { count: unread });
      button.append(badge);
    } else badge.remove();
  });
  container.append(button);
  return {
    focus: () => button.focus(),
    unmount() {
      stop();
      button.remove();
    },
  };
}

/** How long a note beside the launcher stays. */
const NOTE_MS = 6000;

/** A short note beside the launcher (e.g. the dialog could not be loaded); also read out (role=alert). */
export interface LauncherNote {
  show(text: string): void;
  hide(): void;
}

/** Creates the launcher's note in `container`, shown only while it has something to say. */
export function createLauncherNote(container: HTMLElement): LauncherNote {
  const el = container.ownerDocument.createElement('div');
  el.className = 'sc-launcher-note';
  el.setAttribute('role', 'alert');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hide = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    el.remove();
  };
  return {
    show(text) {
      hide();
      el.textContent = text;
      container.prepend(el);
      timer = setTimeout(hide, NOTE_MS);
    },
    hide,
  };
}
