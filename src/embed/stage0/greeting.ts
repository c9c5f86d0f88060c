/**
 * The opt-in proactive greeting (`greeting: { text, delayMs }`): a small bubble by the launcher,
 * shown after the delay in its own host element (it stays while the engine takes the launcher
 * over), read out politely (the live region is there from the start, the text comes later),
 * closed by its button or Escape, opening the chat when clicked. Once closed (or once the chat
 * opened) it is not shown again in this browser session.
 * @module
 */
import { createIcon } from '../../ui/shared/launcher-icons';
import { followColorScheme } from '../../ui/shared/scheme';
import { adoptStyles } from '../../ui/shared/styles';
import { applyTheme } from '../../ui/shared/theme';
import { LAUNCHER_CSS } from '../../ui/styles';
import type { Labels } from './labels';
import type { Look } from './look';

const CSS = `.sc-greeting{position:fixed;z-index:var(--sc-z,2147483647);bottom:calc(var(--sc-offset-y,20px) + 68px + env(safe-area-inset-bottom,0px));inset-inline-end:var(--sc-offset-x,20px);display:flex;align-items:flex-start;gap:4px;max-width:min(300px,calc(100vw - 2 * var(--sc-offset-x,20px)));padding:4px;border-radius:14px;background:var(--sc-surface);color:var(--sc-text);box-shadow:var(--sc-shadow);animation:sc-badge-in .2s ease-out}
.sc-root--left .sc-greeting{inset-inline-end:auto;inset-inline-start:var(--sc-offset-x,20px)}
.sc-greeting-text{flex:1;padding:8px 10px;border:0;border-radius:10px;background:none;text-align:start;line-height:1.4}
.sc-greeting-close{display:grid;place-items:center;width:28px;height:28px;padding:0;border:0;border-radius:50%;background:none;color:var(--sc-muted)}
.sc-greeting-text:hover,.sc-greeting-close:hover{background:var(--sc-surface-2)}`;

/** Session key of a closed greeting. */
const closedKey = (namespace: string) => `${namespace}:greeting-closed`;

/** A scheduled greeting. */
export interface Greeting {
  /** Hides it for good in this session (the chat opened). */
  dismiss(): void;
}

function closedInSession(namespace: string): boolean {
  try {
    return globalThis.sessionStorage?.getItem(closedKey(namespace)) === '1';
  } catch {
    return false;
  }
}

/**
 * Schedules the greeting; `open` opens the chat. Nothing happens when it was closed in this
 * session already.
 */
export function scheduleGreeting(
  doc: Document,
  look: Look,
  labels: Labels,
  g: { text: string; delayMs: number },
  namespace: string,
  open: () => void,
): Greeting {
  if (closedInSession(namespace)) return { dismiss: () => undefined };
  const host = doc.createElement('support-chat-greeting');
  host.setAttribute('lang', look.lang);
  host.setAttribute('dir', look.dir);
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow, `${LAUNCHER_CSS}\n${CSS}`, look.nonce);
  applyTheme(host, look);
  const root = doc.createElement('div');
  root.className = `sc-root sc-root--${look.position === 'bottom-left' ? 'left' : 'right'}`;
  root.lang = look.lang;
  root.dir = look.dir;
  followColorScheme(root, look.colorScheme);
  const bubble = doc.createElement('div');
  bubble.className = 'sc-greeting';
  bubble.setAttribute('role', 'status');
  bubble.setAttribute('aria-live', 'polite');
  bubble.hidden = true;
  const text = doc.createElement('button');
  text.type = 'button';
  text.className = 'sc-greeting-text';
  const close = doc.createElement('button');
  close.type = 'button';
  close.className = 'sc-greeting-close';
  close.setAttribute('aria-label', labels.dismiss);
  close.append(createIcon(doc, 'close', 16));
  bubble.append(text, close);
  root.append(bubble);
  shadow.append(root);
  (look.target ?? doc.documentElement).appendChild(host);

  let done = false;
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') hide(true);
  };
  const hide = (remember: boolean) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    doc.removeEventListener('keydown', onKey);
    host.remove();
    if (remember) {
      try {
        globalThis.sessionStorage?.setItem(closedKey(namespace), '1');
      } catch {
        // Private mode without storage: it may come back on the next page.
      }
    }
  };
  text.addEventListener('click', () => {
    hide(true);
    open();
  });
  close.addEventListener('click', () => hide(true));
  const timer = setTimeout(() => {
    bubble.hidden = false;
    // Into the live region that was already there, so it is read out.
    text.textContent = g.text;
    doc.addEventListener('keydown', onKey);
  }, g.delayMs);
  return { dismiss: () => hide(true) };
}
