/**
 * The plain-text description of each part kind, for the live region and accessible summaries.
 * A table of its own, free of preact and DOM: the first stage (launcher, announcer) reads it
 * without pulling in the renderers. The mapped type makes a new part kind fail to compile until
 * it has a description here and a renderer in `registry.ts`.
 * @module
 */
import type { Part } from '../../core/model';

/** What a part contributes to a message's summary. */
export interface PartDescription {
  /** Readable text (already cut to {@link DESCRIPTION_MAX} characters). */
  text?: string;
  /** A file name, when the part is a file. */
  file?: string;
}

/** Longest summary: a 100,000-character message is announced by its start, not read out whole. */
export const DESCRIPTION_MAX = 280;

/** Cuts `text` for a summary; pure, never walks past the cut. */
export function clipText(text: string | undefined, max = DESCRIPTION_MAX): string {
  if (!text) return '';
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

type Describers = { [K in Part['kind']]: (part: Extract<Part, { kind: K }>) => PartDescription };

/** Description of every part kind. */
export const DESCRIBE: Describers = {
  text: (part) => ({ text: clipText(part.text) }),
  attachment: (part) => ({ file: clipText(part.attachment.name) }),
  card: (part) => ({ text: clipText([part.title, part.text].filter(Boolean).join('. ')) }),
  // Host-rendered content has no text we can trust to describe it.
  custom: () => ({}),
};

/** The description of one part; unknown kinds (a newer server) describe as nothing. */
export function describePart(part: Part): PartDescription {
  const describe = DESCRIBE[part.kind] as ((p: Part) => PartDescription) | undefined;
  return describe ? describe(part) : {};
}
