/**
 * "How did we do?" with five star buttons after the conversation closed; thanks once rated.
 * @module
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Chat } from '../../core/chat';
import type { I18n } from '../../i18n';
import { Icon } from '../shared/icons';

/** The rating card. */
export function RatingPrompt({ chat, i18n }: { chat: Chat; i18n: I18n }): JSX.Element {
  const rated = chat.state.rated.value;
  const [hover, setHover] = useState(0);
  const [busy, setBusy] = useState(false);
  if (rated !== null) {
    return (
      <div class="sc-rating sc-rating--done">
        <p class="sc-rating-title">{i18n.t('rating.thanks')}</p>
      </div>
    );
  }
  const rate = (score: number) => {
    if (busy) return;
    setBusy(true);
    chat.rate(score).finally(() => setBusy(false));
  };
  return (
    <div class="sc-rating">
      <p class="sc-rating-title" id="sc-rating-title">
        {i18n.t('rating.prompt')}
      </p>
      {/* biome-ignore lint/a11y/useSemanticElements: a labelled group of star buttons; a fieldset would bring its own border and legend layout into the shadow root */}
      <div class="sc-stars" role="group" aria-labelledby="sc-rating-title" onMouseLeave={() => setHover(0)}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            class={n <= hover ? 'sc-star sc-star--on' : 'sc-star'}
            aria-label={i18n.t('rating.star', { count: n })}
            disabled={busy}
            onMouseEnter={() => setHover(n)}
            onFocus={() => setHover(n)}
            onBlur={() => setHover(0)}
            onClick={() => rate(n)}
          >
            <Icon name="star" size={26} filled={n <= hover} />
          </button>
        ))}
      </div>
    </div>
  );
}
