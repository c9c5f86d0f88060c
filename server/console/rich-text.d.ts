/** Types of the console's rich-text renderer (a plain ES module served as is). */
export type ConsoleNode =
  | { t: 'text' | 'code' | 'pre'; s: string }
  | { t: 'link'; s: string; href: string }
  | { t: 'strong' | 'em' | 'p' | 'ul' | 'ol' | 'li'; c: ConsoleNode[]; start?: number };
/** Nodes of `text`, by the same rules as the widget's `parseRich`. */
export function parseRich(text: string, format?: boolean): ConsoleNode[];
/** `text` as DOM nodes (formatted when `format`), never through innerHTML. */
export function renderRich(text: string, format?: boolean): DocumentFragment;
