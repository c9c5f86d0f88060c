/**
 * `text` parts: a bubble of untrusted text, bounded by {@link RichText}.
 * @module
 */
import type { JSX } from 'preact';
import type { Part } from '../../core/model';
import { RichText } from './RichText';
import type { PartEntry, PartProps } from './types';

type TextPart = Extract<Part, { kind: 'text' }>;

function TextView({ part, env }: PartProps<TextPart>): JSX.Element {
  return (
    <div class="sc-bubble" dir="auto">
      <RichText source={part} text={part.text} i18n={env.i18n} />
    </div>
  );
}

/** Registry entry of `text` parts. */
export const textPart: PartEntry<TextPart> = { View: TextView };
