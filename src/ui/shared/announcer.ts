/**
 * The widget's single polite live region. New messages are announced once each; a burst of
 * messages inside the throttle window becomes one "5 new messages" announcement.
 * @module
 */
import type { I18n } from '../../i18n';

/** What a message announcement needs: who said it and a short text. */
export interface SpokenMessage {
  name: string;
  text: string;
  /** True when the message is a file without text. */
  file?: boolean;
}

/** Feeds the live region. */
export interface Announcer {
  /** Queues a new incoming message (its text already short: see `messageText`). */
  message(entry: SpokenMessage): void;
  /** Queues a status line ("Reconnecting…", "Back online"). */
  say(text: string): void;
  /** Stops the timer; the region element is left to its owner. */
  dispose(): void;
}

/**
 * Creates an announcer over `region` (an element with `role="status"`).
 * @param burstMs - window in which queued items are merged into one announcement.
 */
export function createAnnouncer(region: HTMLElement, i18n: I18n, burstMs = 500): Announcer {
  let messages: SpokenMessage[] = [];
  let lines: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    const parts = [...lines];
    if (messages.length === 1) {
      const m = messages[0]!;
      // `text` comes from messageText, already cut short.
      parts.push(i18n.t(m.file ? 'announce.sentFile' : 'announce.said', { name: m.name, text: m.text, file: m.text }));
    } else if (messages.length > 1) {
      parts.push(i18n.t('announce.newMessages', { count: messages.length }));
    }
    messages = [];
    lines = [];
    if (!parts.length) return;
    const text = parts.join(' ');
    // The same text twice in a row is not re-read by some screen readers: make it differ.
    region.textContent = region.textContent === text ? `${text}\u00a0` : text;
  };
  const schedule = () => {
    timer ??= setTimeout(flush, burstMs);
  };

  return {
    message(entry) {
      messages.push(entry);
      schedule();
    },
    say(text) {
      if (!lines.includes(text)) lines.push(text);
      schedule();
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
