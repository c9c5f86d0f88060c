/**
 * The transcript's window over the message list (see `transcript-window.ts`) and its scrolling
 * (see `use-sticky-scroll.ts`): scrolling up renders older messages a page at a time, and once the
 * local history is exhausted asks the transport for older pages (as "Load earlier" does); scrolling
 * down renders newer ones again; at the bottom the window follows new messages.
 * @module
 */
import { useRef, useState } from 'preact/hooks';
import type { Chat } from '../../core/chat';
import type { ChatMessage } from '../../core/model';
import { messageKey, resolveWindow, specOf, stepDown, stepUp, type WindowRange, type WindowSpec } from './transcript-window';
import { type ScrollHooks, type StickyScroll, useStickyScroll } from './use-sticky-scroll';

/** What {@link useTranscriptWindow} gives the list. */
export interface TranscriptWindow {
  /** Messages `[start, end)` are rendered. */
  range: WindowRange;
  scroll: StickyScroll;
  /** Older messages exist, here or on the server. */
  hasEarlier: boolean;
  /** Older history is being fetched. */
  loading: boolean;
  /** Renders the previous page (fetching it first when the local history is exhausted). */
  showEarlier(): void;
}

/** The window of `messages` (the chat's whole list) the transcript renders. */
export function useTranscriptWindow(chat: Chat, messages: readonly ChatMessage[]): TranscriptWindow {
  const hooks = useRef<ScrollHooks>(null);
  const scroll = useStickyScroll(hooks);
  const spec = useRef<WindowSpec>({});
  const last = useRef<WindowRange>({ start: 0, end: 0 });
  const [, rerender] = useState(0);
  const [loading, setLoading] = useState(false);
  const fetching = useRef(false);
  const hasMore = chat.state.hasMoreHistory.value;

  const resolved = resolveWindow(messages, spec.current, last.current, scroll.following());
  spec.current = resolved.spec;
  last.current = resolved.range;
  const range = resolved.range;

  const move = (next: WindowSpec) => {
    const newest = chat.state.messages.peek().at(-1);
    scroll.keepPlace();
    // Pinned to the newest message, the window stays open-ended (it grows with new messages).
    spec.current =
      scroll.following() && newest && next.end === messageKey(newest) ? { ...(next.start ? { start: next.start } : {}) } : next;
    rerender((n) => n + 1);
  };
  const showEarlier = () => {
    if (last.current.start > 0) move(stepUp(chat.state.messages.peek(), last.current));
    else if (chat.state.hasMoreHistory.peek() && !fetching.current) {
      fetching.current = true;
      setLoading(true);
      chat.loadOlder().finally(() => {
        fetching.current = false;
        setLoading(false);
        // The older page is now in front of the window, which began at the oldest message: render it.
        const list = chat.state.messages.peek();
        const now = resolveWindow(list, spec.current, last.current, scroll.following()).range;
        if (now.start > 0) move(stepUp(list, now));
      });
    }
  };
  const lastMessage = messages.at(-1);
  hooks.current = {
    lastKey: lastMessage ? messageKey(lastMessage) : undefined,
    lastOwn: lastMessage?.from.role === 'user',
    atEnd: range.end === messages.length,
    nearTop: showEarlier,
    nearBottom: () => move(stepDown(chat.state.messages.peek(), last.current)),
    follow(on) {
      // Pinned: the window reaches to the newest message and grows with it. Scrolled up: it
      // stays what is rendered, and new messages only show the pill.
      spec.current = on ? { ...(spec.current.start ? { start: spec.current.start } : {}) } : specOf(messages, range.start, range.end);
    },
    toNewest() {
      spec.current = {};
      rerender((n) => n + 1);
    },
  };
  return { range, scroll, hasEarlier: range.start > 0 || hasMore, loading, showEarlier };
}
