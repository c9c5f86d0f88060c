/**
 * Multipart helpers around the streaming parser (busboy, in ./receive.ts): the boundary check and
 * display-safe file names.
 * @module
 */

/** The boundary of a multipart content type, or null. */
export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return null;
  const m = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** A display-safe file name: basename only, no control or bidi-override characters, ≤ 200 chars. */
export function safeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '').trim();
  if (!clean || clean === '.' || clean === '..') return 'file';
  return clean.length > 200 ? clean.slice(0, 100) + '…' + clean.slice(-99) : clean;
}
