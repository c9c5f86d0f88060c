/**
 * "How did we do?" after the conversation closed: five stars as a radio group (arrow keys move
 * and choose, each read as "4 stars out of 5"), then an optional comment with Send and Skip;
 * thanks once rated. The comment is capped at the protocol's 2,000 characters, with a counter
 * near the limit.
 * @module
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Chat } from '../../core/chat';
import type { I18n } from '../../i18n';
import { Icon } from '../shared/icons';

/** The longest comment the protocol carries. */
export const COMMENT_MAX = 2000;
/** The counter shows from this many characters on. */
const COUNTER_FROM = COMMENT_MAX - 200;

const STARS = [1, 2, 3, 4, 5];

function Stars(props: { i18n: I18n; score: number; disabled: boolean; onChoose(n: number): void }): JSX.Element {
  const { i18n, score, disabled, onChoose } = props;
  const [hover, setHover] = useState(0);
  const lit = hover || score;
  return (
    <div class="sc-stars" role="radiogroup" aria-labelledby="sc-rating-title" onMouseLeave={() => setHover(0)}>
      {STARS.map((n) => (
        <label key={n} class={n <= lit ? 'sc-star sc-star--on' : 'sc-star'} onMouseEnter={() => setHover(n)}>
          <input
            type="radio"
            class="sc-star-input"
            name="sc-rating"
            value={String(n)}
            checked={n === score}
            disabled={disabled}
            aria-label={i18n.t('rating.star', { count: n })}
            onChange={() => {
              // A choice by keyboard must show at once, whatever the pointer last hovered.
              setHover(0);
              onChoose(n);
            }}
          />
          <Icon name="star" size={26} filled={n <= lit} />
        </label>
      ))}
    </div>
  );
}

function CommentForm(props: { i18n: I18n; busy: boolean; onSend(comment: string): void; onSkip(): void }): JSX.Element {
  const { i18n, busy, onSend, onSkip } = props;
  const [comment, setComment] = useState('');
  const left = COMMENT_MAX - comment.length;
  return (
    <form
      class="sc-rating-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSend(comment);
      }}
    >
      <label class="sc-rating-label" for="sc-rating-comment">
        {i18n.t('ending.comment')}
      </label>
      <textarea
        id="sc-rating-comment"
        class="sc-rating-comment"
        rows={3}
        maxLength={COMMENT_MAX}
        value={comment}
        disabled={busy}
        aria-describedby={comment.length >= COUNTER_FROM ? 'sc-rating-left' : undefined}
        onInput={(e) => setComment(e.currentTarget.value.slice(0, COMMENT_MAX))}
      />
      {comment.length >= COUNTER_FROM ? (
        <p class="sc-rating-left" id="sc-rating-left" aria-live="polite">
          {i18n.t('ending.charsLeft', { count: left })}
        </p>
      ) : null}
      <div class="sc-rating-actions">
        <button type="button" class="sc-link-btn" disabled={busy} onClick={onSkip}>
          {i18n.t('ending.skip')}
        </button>
        <button type="submit" class="sc-btn sc-btn--primary" disabled={busy}>
          {i18n.t('ending.send')}
        </button>
      </div>
    </form>
  );
}

/** The rating card. */
export function RatingPrompt({ chat, i18n, announce }: { chat: Chat; i18n: I18n; announce(text: string): void }): JSX.Element {
  const rated = chat.state.rated.value;
  const [score, setScore] = useState(0);
  const [busy, setBusy] = useState(false);
  const thanksRef = useRef<HTMLParagraphElement>(null);
  const focusThanks = useRef(false);
  useEffect(() => {
    // The focused button went away with the form: keep focus in the dialog, on the thanks.
    if (rated === null || !focusThanks.current) return;
    focusThanks.current = false;
    thanksRef.current?.focus({ preventScroll: true });
  }, [rated]);
  if (rated !== null) {
    return (
      <div class="sc-rating sc-rating--done">
        <p class="sc-rating-title" tabIndex={-1} ref={thanksRef}>
          {i18n.t('rating.thanks')}
        </p>
      </div>
    );
  }
  const rate = (comment?: string) => {
    if (busy || score === 0) return;
    setBusy(true);
    focusThanks.current = true;
    const text = comment?.trim();
    chat
      .rate(score, text ? text : undefined)
      .then(() => {
        if (chat.state.rated.value !== null) announce(i18n.t('rating.thanks'));
        else focusThanks.current = false;
      })
      .finally(() => setBusy(false));
  };
  return (
    <div class="sc-rating">
      <p class="sc-rating-title" id="sc-rating-title">
        {i18n.t('rating.prompt')}
      </p>
      <Stars i18n={i18n} score={score} disabled={busy} onChoose={setScore} />
      {score > 0 ? <CommentForm i18n={i18n} busy={busy} onSend={rate} onSkip={() => rate()} /> : null}
    </div>
  );
}
