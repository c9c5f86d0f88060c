/**
 * Search terms from what an operator typed, and the plain-text snippet of a hit (the same on every
 * engine, so both give the console the same text).
 * @module
 */

/** At most this many terms are searched. */
export const MAX_TERMS = 8;

/** Lower-case words of letters and digits (at most {@link MAX_TERMS}); anything else separates them. */
export function searchTerms(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/** About `width` characters of `body` around the first word starting with one of `terms`, with … where cut. */
export function snippet(body: string, terms: readonly string[], width = 120): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text.length <= width) return text;
  const lower = text.toLowerCase();
  let at = -1;
  for (const t of terms) {
    const re = new RegExp(`(^|[^\\p{L}\\p{N}])${t.replace(/[^\p{L}\p{N}]/gu, '')}`, 'u');
    const m = re.exec(lower);
    if (m && (at < 0 || m.index < at)) at = m.index + m[1]!.length;
  }
  const start = Math.max(0, Math.min(at < 0 ? 0 : at - Math.floor(width / 3), text.length - width));
  const cut = text.slice(start, start + width);
  return `${start > 0 ? '…' : ''}${cut}${start + width < text.length ? '…' : ''}`;
}
