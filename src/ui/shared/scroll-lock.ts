/**
 * Locks the host page's scroll while the full-screen dialog is open on a phone, so the page
 * behind does not move under the person's finger, and restores it exactly afterwards: the
 * page's own inline `overflow` values (and their priority), a `style` attribute only if it was
 * there, and the scroll position.
 * @module
 */

/** A lock that can be turned on and off any number of times. */
export interface ScrollLock {
  set(locked: boolean): void;
}

interface Saved {
  el: HTMLElement;
  value: string;
  priority: string;
  hadStyle: boolean;
}

/** Creates the lock over `doc`'s root element and body. */
export function createScrollLock(doc: Document): ScrollLock {
  let saved: Saved[] | null = null;
  let x = 0;
  let y = 0;
  const view = doc.defaultView;
  return {
    set(locked) {
      if (locked && !saved) {
        x = view?.scrollX ?? 0;
        y = view?.scrollY ?? 0;
        saved = [doc.documentElement, doc.body].filter(Boolean).map((el) => ({
          el,
          value: el.style.getPropertyValue('overflow'),
          priority: el.style.getPropertyPriority('overflow'),
          hadStyle: el.hasAttribute('style'),
        }));
        for (const { el } of saved) el.style.setProperty('overflow', 'hidden', 'important');
      } else if (!locked && saved) {
        for (const { el, value, priority, hadStyle } of saved) {
          if (value) el.style.setProperty('overflow', value, priority);
          else el.style.removeProperty('overflow');
          if (!hadStyle && el.getAttribute('style') === '') el.removeAttribute('style');
        }
        saved = null;
        if (view && (view.scrollX !== x || view.scrollY !== y)) view.scrollTo(x, y);
      }
    },
  };
}
