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
  /** The page's `style` attribute as it was (null: none). */
  attr: string | null;
  /** The attribute as the lock left it: unchanged since, it is put back byte for byte. */
  locked?: string | null;
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
          attr: el.getAttribute('style'),
        }));
        for (const entry of saved) {
          entry.el.style.setProperty('overflow', 'hidden', 'important');
          entry.locked = entry.el.getAttribute('style');
        }
      } else if (!locked && saved) {
        for (const { el, value, priority, attr, locked } of saved) {
          if (el.getAttribute('style') === locked) {
            if (attr === null) el.removeAttribute('style');
            else el.setAttribute('style', attr);
            continue;
          }
          // The page restyled the element meanwhile: put back only our property.
          if (value) el.style.setProperty('overflow', value, priority);
          else el.style.removeProperty('overflow');
        }
        saved = null;
        if (view && (view.scrollX !== x || view.scrollY !== y)) view.scrollTo(x, y);
      }
    },
  };
}
