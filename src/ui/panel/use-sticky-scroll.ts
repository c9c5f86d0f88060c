/**
 * The transcript's scrolling: pinned to the newest message while the user is at the bottom,
 * a "New messages ↓" pill when they scrolled up and something arrived, and the reading place
 * kept when older history is put above.
 * @module
 */
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChatMessage } from '../../core/model';

/** Distance from the bottom (px) that still counts as "at the bottom". */
const STICKY_PX = 48;

/** What {@link useStickyScroll} gives the list. */
export interface StickyScroll {
  listRef: RefObject<HTMLDivElement>;
  /** Show the "New messages" pill. */
  pill: boolean;
  onScroll(): void;
  /** For `onLoadCapture`: images finishing loading grow the transcript. */
  onMediaLoad(): void;
  toBottom(): void;
  /** Call before older messages are prepended: the next render keeps the same distance from the bottom. */
  keepPlace(): void;
}

/** Scroll behaviour of the list over `messages`; `deps` are what changes its height. */
export function useStickyScroll(messages: readonly ChatMessage[], deps: readonly unknown[]): StickyScroll {
  const listRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lastKey = useRef<string | undefined>(undefined);
  const restoreFromBottom = useRef<number | null>(null);
  const [pill, setPill] = useState(false);

  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const last = messages.at(-1);
    const key = last ? (last.clientId ?? last.id) : undefined;
    const appended = key !== lastKey.current;
    lastKey.current = key;
    if (restoreFromBottom.current !== null) {
      el.scrollTop = el.scrollHeight - restoreFromBottom.current;
      restoreFromBottom.current = null;
      return;
    }
    if (atBottom.current || (appended && last?.from.role === 'user')) {
      el.scrollTop = el.scrollHeight;
      atBottom.current = true;
      setPill(false);
    } else if (appended) {
      setPill(true);
    }
  }, deps);

  // The list shrinks when the footer grows (verification form, uploads, a taller draft):
  // stay pinned to the newest message if the user was there.
  useEffect(() => {
    const el = listRef.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return {
    listRef,
    pill,
    onScroll() {
      const el = listRef.current;
      if (!el) return;
      atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICKY_PX;
      if (atBottom.current && pill) setPill(false);
    },
    onMediaLoad() {
      const el = listRef.current;
      if (el && atBottom.current) el.scrollTop = el.scrollHeight;
    },
    toBottom() {
      const el = listRef.current;
      if (el) el.scrollTop = el.scrollHeight;
      atBottom.current = true;
      setPill(false);
    },
    keepPlace() {
      const el = listRef.current;
      if (el) restoreFromBottom.current = el.scrollHeight - el.scrollTop;
    },
  };
}
