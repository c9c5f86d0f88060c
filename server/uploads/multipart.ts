/**
 * A small multipart/form-data parser for buffered bodies (uploads are size-capped before parsing).
 * @module
 */

/** One part of a multipart body. */
export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** The boundary of a multipart content type, or null. */
export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return null;
  const m = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function param(header: string, key: string): string | undefined {
  const star = new RegExp(`${key}\\*=(?:UTF-8|utf-8)''([^;]+)`).exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const m =
    new RegExp(`(?:^|;)\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header) ??
    new RegExp(`(?:^|;)\\s*${key}=([^;\\s]+)`, 'i').exec(header);
  return m ? m[1]!.replace(/\\(.)/g, '$1') : undefined;
}

/** Splits a multipart body into parts; throws on a malformed body. */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('no multipart boundary in body');
  for (;;) {
    pos += delimiter.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts; // closing "--"
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new Error('multipart part without headers');
    const headers = body.subarray(pos, headerEnd).toString('utf8').split('\r\n');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw new Error('unterminated multipart part');
    let disposition = '';
    let contentType: string | undefined;
    for (const h of headers) {
      const i = h.indexOf(':');
      if (i < 0) continue;
      const k = h.slice(0, i).trim().toLowerCase();
      const v = h.slice(i + 1).trim();
      if (k === 'content-disposition') disposition = v;
      else if (k === 'content-type') contentType = v;
    }
    const name = param(disposition, 'name');
    if (name === undefined) throw new Error('multipart part without a name');
    const filename = param(disposition, 'filename');
    parts.push({
      name,
      ...(filename !== undefined ? { filename } : {}),
      ...(contentType ? { contentType } : {}),
      data: body.subarray(headerEnd + 4, next),
    });
    pos = next + 2;
    if (parts.length > 20) throw new Error('too many multipart parts');
  }
}

/** A display-safe file name: basename only, no control or bidi-override characters, ≤ 200 chars. */
export function safeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '').trim();
  if (!clean || clean === '.' || clean === '..') return 'file';
  return clean.length > 200 ? clean.slice(0, 100) + '…' + clean.slice(-99) : clean;
}
