/**
 * `text` parts: a bubble of untrusted text, bounded by {@link RichText}. Bot and operator text
 * is formatted when the backend declares `capabilities.richText`; the customer's own always
 * stays literal, so a `*` they type is never reformatted. The
 * bubble is `dir="auto"`: an Arabic or Hebrew message is isolated from its neighbours.
 * @module
 */
import type { JSX } from 'preact';
import type { Part } from '../../core/model';
import { RichText } from './RichText';
import type { PartEntry, PartProps } from './types';

type TextPart = Extract<Part, { kind: 'text' }>;

function TextView({ part, message, env }: PartProps<TextPart>): JSX.Element {
  return (
    <div class="sc-bubble" dir="auto">
      <RichText
        source={part}
        text={part.text}
        i18n={env.i18n}
        format={env.richText && (message.from.role === 'bot' || message.from.role === 'agent')}
      />
    </div>
  );
}

/** Registry entry of `text` parts. */
export const textPart: PartEntry<TextPart> = { View: TextView };
