/** Types of the console's rich-text renderer (a plain ES module served as is). */
export type ConsoleInline =
  | { t: 'text' | 'code'; s: string }
  | { t: 'link'; s: string; href: string }
  | { t: 'strong' | 'em'; c: ConsoleInline[] };
export type ConsoleBlock =
  | { t: 'p'; c: ConsoleInline[] }
  | { t: 'ul' | 'ol'; start: number; items: ConsoleInline[][] }
  | { t: 'pre'; s: string };
/** Blocks of `text`, by the same rules as the widget's `parseRich`. */
export function parseRich(text: string, format?: boolean): ConsoleBlock[];
/** `text` as DOM nodes (formatted when `format`), never through innerHTML. */
export function renderRich(text: string, format?: boolean): DocumentFragment;
