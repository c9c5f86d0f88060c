/**
 * `card` parts: optional image, title, subtitle, text and buttons.
 * @module
 */
import type { JSX } from 'preact';
import type { Part } from '../../core/model';
import { Icon } from '../shared/icons';
import { IMAGE_SCHEMES, safeUrl } from '../shared/safe-url';
import { clipText } from './describe';
import { RichText } from './RichText';
import type { PartEntry, PartProps } from './types';

type CardPart = Extract<Part, { kind: 'card' }>;

/** Hides an image that failed to load instead of showing a broken-image box. */
function hideBroken(event: Event): void {
  (event.currentTarget as HTMLImageElement).hidden = true;
}

/** Titles are one line of UI: a long one is cut, not laid out. */
const TITLE_MAX = 300;

function CardView({ part, env }: PartProps<CardPart>): JSX.Element {
  const image = safeUrl(part.imageUrl, IMAGE_SCHEMES);
  return (
    <div class="sc-card">
      {image ? <img class="sc-card-image" src={image} alt="" loading="lazy" decoding="async" onError={hideBroken} /> : null}
      <div class="sc-card-body">
        {part.title ? (
          <p class="sc-card-title" dir="auto">
            {clipText(part.title, TITLE_MAX)}
          </p>
        ) : null}
        {part.subtitle ? (
          <p class="sc-card-subtitle" dir="auto">
            {clipText(part.subtitle, TITLE_MAX)}
          </p>
        ) : null}
        {part.text ? (
          <p class="sc-card-text" dir="auto">
            <RichText source={part} text={part.text} i18n={env.i18n} />
          </p>
        ) : null}
      </div>
      {part.actions?.length ? (
        <div class="sc-card-actions">
          {part.actions.map((action) => (
            <button key={action.id} type="button" class="sc-card-btn" onClick={() => env.onAction(action)}>
              {clipText(action.label, TITLE_MAX)}
              {action.kind === 'url' ? <Icon name="send" size={14} class="sc-external" /> : null}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** Registry entry of `card` parts. */
export const cardPart: PartEntry<CardPart> = { View: CardView };
