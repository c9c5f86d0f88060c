/**
 * The transcript's scrolling: pinned to the newest message while the user is at the bottom, a
 * "New messages ↓" pill when they scrolled up and something arrived, and the first visible message
 * kept in place when the content above it changes (older messages rendered in front, the window's
 * far end dropped, an image loading). The list has `overflow-anchor: none`: the anchoring is done
 * here, the same in every browser.
 *
 * Opening forces no layout: the pinning and the anchoring run in a ResizeObserver callback, which
 * the browser calls after its own layout and before painting. Only a window step the user caused
 * (scrolling past the rendered messages, "New messages", an own send) measures at once.
 * @module
 */
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

/** Distance from the bottom (px) that still counts as "at the bottom". */
const STICKY_PX = 48;
/** Distance from the top or bottom of the rendered messages (px) that renders the next step. */
const NEAR_PX = 300;

/** What the scrolling asks of the window (read at event time: the latest render's). */
export interface ScrollHooks {
  /** Newest message of the whole list (key) and whether the user sent it. */
  lastKey: string | undefined;
  lastOwn: boolean;
  /** The rendered window reaches the newest message. */
  atEnd: boolean;
  /** Scrolled near the top of the rendered messages. */
  nearTop(): void;
  /** Scrolled near the bottom of the rendered messages while newer ones are not rendered. */
  nearBottom(): void;
  /** Pinned to the newest message, or not any more. */
  follow(on: boolean): void;
  /** Back to the newest messages ("New messages", an own send). */
  toNewest(): void;
}

/** What {@link useStickyScroll} gives the list. */
export interface StickyScroll {
  listRef: RefObject<HTMLDivElement>;
  /** The element around the rows (its size changes are watched). */
  contentRef: RefObject<HTMLDivElement>;
  /** Show the "New messages" pill. */
  pill: boolean;
  /** Pinned to the newest message. */
  following(): boolean;
  onScroll(): void;
  toBottom(): void;
  /** Call before the window changes: the next render keeps the first visible message in place. */
  keepPlace(): void;
}

interface Anchor {
  el: Element;
  top: number;
}

/** The first row (an element with `data-key`) whose bottom is below the list's top, and its offset. */
function firstVisible(list: HTMLElement, content: HTMLElement): Anchor | null {
  const top = list.getBoundingClientRect().top;
  const rows = content.children;
  let lo = 0;
  let hi = rows.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.getBoundingClientRect().bottom > top) {
      found = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  for (let i = Math.max(0, found); found !== -1 && i < rows.length; i++) {
    const el = rows[i]!;
    if (el instanceof HTMLElement && el.dataset.key !== undefined) return { el, top: el.getBoundingClientRect().top - top };
  }
  return null;
}

/**
 * Following, and the list not moved up since it was last at `lastTop`: the user has not left the
 * bottom. (A scroll event of an earlier pin can arrive after more rows came in, in a burst: it
 * reads as far from the bottom, yet nobody scrolled up.)
 */
function keepsFollowing(el: HTMLElement, lastTop: number, following: boolean, atEnd: boolean): boolean {
  return following && atEnd && el.scrollTop >= lastTop - 1;
}

/** Calls `onResize` (the latest one) whenever the list or its content changes size. */
function useResized(listRef: RefObject<HTMLDivElement>, contentRef: RefObject<HTMLDivElement>, onResize: () => void): void {
  const latest = useRef(onResize);
  latest.current = onResize;
  useEffect(() => {
    const list = listRef.current;
    const content = contentRef.current;
    if (!list || !content || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() => latest.current());
    observer.observe(list);
    observer.observe(content);
    return () => observer.disconnect();
  }, []);
}

/** Scroll behaviour of the list; `hooks` is filled in by each render. */
export function useStickyScroll(hooks: RefObject<ScrollHooks>): StickyScroll {
  const listRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const anchor = useRef<Anchor | null>(null);
  const pending = useRef<'anchor' | 'bottom' | null>(null);
  const lastKey = useRef<string | undefined>(undefined);
  // Where the list was last scrolled to (by the user or by pinning): see keepsFollowing.
  const lastTop = useRef(0);
  const [pill, setPill] = useState(false);

  const pin = () => {
    const el = listRef.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    lastTop.current = el.scrollTop;
  };
  const restoreAnchor = () => {
    const el = listRef.current;
    const a = anchor.current;
    if (!el || !a?.el.isConnected) return;
    const delta = a.el.getBoundingClientRect().top - el.getBoundingClientRect().top - a.top;
    if (Math.abs(delta) >= 0.5) el.scrollTop += delta;
  };
  const toBottom = () => {
    atBottom.current = true;
    anchor.current = null;
    pending.current = 'bottom';
    setPill(false);
    hooks.current?.toNewest();
    pin();
  };

  useLayoutEffect(() => {
    const h = hooks.current;
    const key = h?.lastKey;
    const appended = key !== lastKey.current;
    lastKey.current = key;
    const step = pending.current;
    pending.current = null;
    // Measured at once only after a step the user caused (never on open: see the module note).
    if (step === 'bottom') pin();
    else if (step === 'anchor') restoreAnchor();
    if (!appended || key === undefined || atBottom.current) return;
    if (h?.lastOwn) toBottom();
    else setPill(true);
  });

  // Pinned: follow every change of size (new rows, images, the footer growing); otherwise keep
  // the first visible row where it is.
  useResized(listRef, contentRef, () => (atBottom.current ? pin() : restoreAnchor()));

  return {
    listRef,
    contentRef,
    pill,
    following: () => atBottom.current,
    onScroll() {
      const el = listRef.current;
      const content = contentRef.current;
      const h = hooks.current;
      if (!el || !content || !h) return;
      const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
      const keep = keepsFollowing(el, lastTop.current, atBottom.current, h.atEnd);
      lastTop.current = el.scrollTop;
      if (keep) return fromBottom >= 1 ? pin() : undefined;
      const bottom = fromBottom < STICKY_PX && h.atEnd;
      if (bottom !== atBottom.current) {
        atBottom.current = bottom;
        h.follow(bottom);
      }
      if (bottom && pill) setPill(false);
      anchor.current = bottom ? null : firstVisible(el, content);
      if (el.scrollTop < NEAR_PX) h.nearTop();
      else if (fromBottom < NEAR_PX && !h.atEnd) h.nearBottom();
    },
    toBottom,
    keepPlace() {
      const el = listRef.current;
      const content = contentRef.current;
      if (!el || !content || atBottom.current) return;
      anchor.current = firstVisible(el, content);
      pending.current = 'anchor';
    },
  };
}
