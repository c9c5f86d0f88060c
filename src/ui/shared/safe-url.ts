/**
 * URL allow-lists: only these schemes ever reach an `href` or `src`.
 * @module
 */

/** Schemes a text link or a `url` action may use. */
export const LINK_SCHEMES: readonly string[] = ['http:', 'https:', 'mailto:', 'tel:'];
/** Schemes an `<img src>` of untrusted content may use. */
export const IMAGE_SCHEMES: readonly string[] = ['http:', 'https:'];
/** Schemes of attachment previews (blob: for files the user just picked). */
export const ATTACHMENT_SCHEMES: readonly string[] = ['http:', 'https:', 'blob:'];

/**
 * The normalised URL when `raw` parses as an absolute URL with an allowed scheme, else null.
 * Rejects `javascript:`, `data:` and anything unparsable.
 */
export function safeUrl(raw: string | undefined, schemes: readonly string[]): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim());
    return schemes.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}
