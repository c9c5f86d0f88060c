/**
 * Optional unread prefix in the page title: "(2) Page title". The host's own title changes are
 * respected (the prefix moves onto the new title), and the plain title comes back when the
 * count drops to zero and on destroy, so no prefix is ever left behind.
 * @module
 */
import { effect } from '@preact/signals-core';
import type { Chat } from '../core/chat';

/** The title with the unread prefix. */
export function titleWithUnread(title: string, count: number): string {
  return count > 0 ? `(${count > 99 ? '99+' : count}) ${title}` : title;
}

/** Starts mirroring the unread count into `doc.title`; returns the function that stops it and restores the title. */
export function watchTitle(chat: Chat, doc: Document): () => void {
  let base = doc.title;
  /** The title this module set last, or null when it shows the host's own title. */
  let ours: string | null = null;

  const apply = () => {
    const current = doc.title;
    if (current !== ours) base = current; // first run, or the host changed its title
    const next = titleWithUnread(base, chat.state.unread.peek());
    ours = next === base ? null : next;
    if (next !== current) doc.title = next;
  };
  const stopEffect = effect(() => {
    void chat.state.unread.value;
    apply();
  });
  // The host may retitle the page (SPA navigation) while a count is shown: keep the prefix on.
  const Observer = (globalThis as { MutationObserver?: typeof MutationObserver }).MutationObserver;
  const observer =
    Observer && doc.head
      ? new Observer(() => {
          if (ours !== null && doc.title !== ours) apply();
        })
      : null;
  if (observer && doc.head) observer.observe(doc.head, { subtree: true, childList: true, characterData: true });

  return () => {
    stopEffect();
    observer?.disconnect();
    if (ours !== null && doc.title === ours) doc.title = base;
    ours = null;
  };
}
