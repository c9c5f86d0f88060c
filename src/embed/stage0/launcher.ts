/**
 * Stage 0's launcher: the same host element, shadow root, stylesheet, theme tokens and button as
 * the engine's launcher (`src/ui/launcher`), drawn with the DOM alone, with the unread badge from
 * the marker, a busy state while the engine comes after a click, and a note when it could not.
 * @module
 */
import { createIcon } from '../../ui/shared/launcher-icons';
import { followColorScheme } from '../../ui/shared/scheme';
import { adoptStyles } from '../../ui/shared/styles';
import { applyTheme } from '../../ui/shared/theme';
import { followVisualViewport } from '../../ui/shared/viewport';
import { LAUNCHER_CSS } from '../../ui/styles';
import { keepAttached } from '../host-mount';
import { type Labels, unreadText } from './labels';
import type { Look } from './look';

/** How long the failure note stays. */
const NOTE_MS = 6000;
/** After this long busy, the live region says the chat is coming. */
const SLOW_MS = 1000;

/** Stage 0's rendered launcher. */
export interface Stage0Launcher {
  readonly host: HTMLElement;
  readonly button: HTMLButtonElement;
  badge(count: number): void;
  busy(on: boolean): void;
  note(text: string): void;
  /** The button has focus. */
  focused(): boolean;
  /** Stops keeping the host attached (the engine keeps it from now on). */
  release(): void;
  /** Takes stage 0's elements and styles out of the host (the engine's are in). */
  remove(): void;
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  e.className = className;
  return e;
}

/** Draws the launcher in a `<support-chat-host>` under `<html>` (or in `look.target`). */
export function renderStage0Launcher(doc: Document, look: Look, labels: Labels): Stage0Launcher {
  const host = doc.createElement('support-chat-host');
  host.setAttribute('lang', look.lang);
  host.setAttribute('dir', look.dir);
  const shadow = host.attachShadow({ mode: 'open' });
  const removeStyles = adoptStyles(shadow, LAUNCHER_CSS, look.nonce);
  applyTheme(host, look);
  const root = el(doc, 'div', `sc-root sc-root--${look.position === 'bottom-left' ? 'left' : 'right'}`);
  root.lang = look.lang;
  root.dir = look.dir;
  const region = el(doc, 'div', 'sc-vh');
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  region.setAttribute('aria-atomic', 'true');
  const launcherHost = el(doc, 'div', 'sc-launcher-host');
  const button = el(doc, 'button', 'sc-launcher');
  button.type = 'button';
  button.setAttribute('aria-controls', 'sc-panel');
  button.setAttribute('aria-expanded', 'false');
  const label = el(doc, 'span', 'sc-vh');
  label.textContent = labels.open;
  const chatIcon = el(doc, 'span', 'sc-launcher-icon sc-launcher-icon--chat');
  chatIcon.append(createIcon(doc, 'chat', 28, true));
  const closeIcon = el(doc, 'span', 'sc-launcher-icon sc-launcher-icon--close');
  closeIcon.append(createIcon(doc, 'close', 26));
  button.append(chatIcon, closeIcon, label);
  const badgeEl = el(doc, 'span', 'sc-badge');
  const count = doc.createElement('span');
  count.setAttribute('aria-hidden', 'true');
  const countLabel = el(doc, 'span', 'sc-vh');
  badgeEl.append(count, countLabel);
  const note = el(doc, 'div', 'sc-launcher-note');
  note.setAttribute('role', 'alert');
  launcherHost.append(button);
  root.append(region, launcherHost);
  shadow.append(root);
  const stopScheme = followColorScheme(root, look.colorScheme);
  const stopViewport = followVisualViewport(root);
  if (look.target) look.target.appendChild(host);
  else doc.documentElement.appendChild(host);
  const stopKeeping = look.target ? () => undefined : keepAttached(host, doc);
  let noteTimer: ReturnType<typeof setTimeout> | undefined;
  let slowTimer: ReturnType<typeof setTimeout> | undefined;
  return {
    host,
    button,
    badge(n) {
      if (n > 0) {
        count.textContent = n > 99 ? '99+' : String(n);
        countLabel.textContent = unreadText(labels, look.lang, n);
        button.append(badgeEl);
      } else badgeEl.remove();
    },
    busy(on) {
      root.classList.toggle('sc-root--loading', on);
      if (on) button.setAttribute('aria-busy', 'true');
      else button.removeAttribute('aria-busy');
      clearTimeout(slowTimer);
      slowTimer = on ? setTimeout(() => (region.textContent = labels.loading), SLOW_MS) : undefined;
    },
    note(text) {
      clearTimeout(noteTimer);
      note.textContent = text;
      launcherHost.prepend(note);
      noteTimer = setTimeout(() => note.remove(), NOTE_MS);
    },
    focused: () => shadow.activeElement === button,
    release: stopKeeping,
    remove() {
      clearTimeout(noteTimer);
      clearTimeout(slowTimer);
      stopScheme();
      stopViewport();
      root.remove();
      removeStyles();
    },
  };
}
