/**
 * Content type from magic bytes. Names and declared types are never trusted.
 * @module
 */

function startsWith(buf: Buffer, bytes: number[], offset = 0): boolean {
  if (buf.length < offset + bytes.length) return false;
  return bytes.every((b, i) => buf[offset + i] === b);
}

function ascii(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0));
}

/** True for UTF-8 text without NUL or other control characters (tab, CR, LF, FF allowed). */
function isPlainText(buf: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
}

/** Bytes of the start of a file that {@link sniffHead} looks at. */
export const SNIFF_BYTES = 4096;

/** Drops an incomplete UTF-8 sequence at the end of a cut buffer (at most 3 bytes). */
function wholeUtf8(buf: Buffer): Buffer {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? buf.subarray(0, buf.length - back) : buf;
  }
  return buf;
}

/**
 * The sniffed type of a file from its first bytes (up to {@link SNIFF_BYTES}; `complete` when that
 * is the whole file). Text is judged on the head only: the rest is checked while it streams
 * ({@link TextCheck}).
 */
export function sniffHead(head: Buffer, complete: boolean): string | null {
  return sniff(complete ? head : wholeUtf8(head));
}

/** Checks streamed text: valid UTF-8 without control characters, chunk by chunk. */
export class TextCheck {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  /** Returns false once the text is not plain text. */
  push(chunk: Buffer, last = false): boolean {
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: !last });
    } catch {
      return false;
    }
    // eslint-disable-next-line no-control-regex
    return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
  }
}

/** The sniffed MIME type, or null when the content is none of the supported kinds. */
export function sniff(buf: Buffer): string | null {
  if (buf.length === 0) return null;
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(buf, ascii('GIF87a')) || startsWith(buf, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(buf, ascii('RIFF')) && startsWith(buf, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(buf, ascii('%PDF-'))) return 'application/pdf';
  if (isPlainText(buf)) return 'text/plain';
  return null;
}
