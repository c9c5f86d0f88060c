/**
 * Three animated dots from whoever is typing. Decorative: the header says who is typing.
 * @module
 */
import type { JSX } from 'preact';

/** The typing bubble. */
export function TypingIndicator(): JSX.Element {
  return (
    <div class="sc-msg sc-msg--in sc-msg--first sc-msg--last sc-typing" aria-hidden="true">
      <div class="sc-msg-row">
        <span class="sc-avatar-gap" />
        <div class="sc-bubble sc-typing-bubble">
          <span class="sc-typing-dot" />
          <span class="sc-typing-dot" />
          <span class="sc-typing-dot" />
        </div>
      </div>
    </div>
  );
}
