/**
 * The part registry: one entry per part kind. Adding a kind is a validator entry in the
 * protocol, a module here with its renderer, its description in `describe.ts`, and its styles;
 * the mapped type refuses to compile while a kind of `Part` has no entry.
 * @module
 */
import { h, type JSX } from 'preact';
import type { Part } from '../../core/model';
import { attachmentPart } from './attachment';
import { cardPart } from './card';
import { customPart } from './custom';
import { textPart } from './text';
import type { PartEntry, PartProps } from './types';

type Registry = { [K in Part['kind']]: PartEntry<Extract<Part, { kind: K }>> };

/** Every part kind's entry. */
export const PARTS: Registry = {
  text: textPart,
  attachment: attachmentPart,
  card: cardPart,
  custom: customPart,
};

/** Renders `part` through its kind's entry; a kind this build does not know renders nothing. */
export function PartView(props: PartProps): JSX.Element | null {
  const entry = PARTS[props.part.kind] as PartEntry<Part> | undefined;
  return entry ? h(entry.View, props) : null;
}
