/**
 * The stream an upload's bytes pass through on their way to the blob store: holds the first bytes
 * until the type is sniffed (refusing types that are not accepted before anything is stored),
 * counts the size (refusing more than the limit and empty files) and checks text as it streams.
 * Memory per upload: the sniffed head and the stream buffers, never the file.
 * @module
 */
import { Transform, type TransformCallback } from 'node:stream';
import { ServiceError } from '../domain/errors';
import { SNIFF_BYTES, sniffHead, TextCheck } from './sniff';

/** The gate's verdict once its stream ended. */
export interface GateResult {
  mimeType: string;
  size: number;
}

/** A transform that sniffs, counts and checks an upload. */
export class UploadGate extends Transform {
  private head: Buffer[] = [];
  private headBytes = 0;
  private text: TextCheck | undefined;
  mimeType: string | undefined;
  size = 0;

  constructor(
    private readonly accept: readonly string[],
    private readonly maxBytes: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(tooLarge(this.maxBytes));
    if (this.mimeType === undefined) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes < SNIFF_BYTES) return done();
      return done(this.decide(false));
    }
    if (this.text && !this.text.push(chunk)) return done(notAccepted(this.accept));
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.size === 0) return done(new ServiceError('invalid', 'the file is empty'));
    if (this.mimeType === undefined) {
      const e = this.decide(true);
      if (e) return done(e);
    }
    if (this.text && !this.text.push(Buffer.alloc(0), true)) return done(notAccepted(this.accept));
    done();
  }

  /** Sniffs the held head, then lets it through; returns the refusal, if any. */
  private decide(complete: boolean): ServiceError | undefined {
    const head = Buffer.concat(this.head, this.headBytes);
    this.head = [];
    const type = sniffHead(head.subarray(0, SNIFF_BYTES), complete && head.length <= SNIFF_BYTES);
    if (!type || !this.accept.includes(type)) return notAccepted(this.accept);
    this.mimeType = type;
    if (type === 'text/plain') {
      this.text = new TextCheck();
      if (!this.text.push(head)) return notAccepted(this.accept);
    }
    this.push(head);
    return undefined;
  }

  /** The type and size (after the stream ended without error). */
  result(): GateResult {
    return { mimeType: this.mimeType!, size: this.size };
  }
}

function tooLarge(max: number): ServiceError {
  return new ServiceError('too_large', `files must be at most ${max} bytes`);
}

function notAccepted(accept: readonly string[]): ServiceError {
  return new ServiceError('unsupported_type', `accepted types: ${accept.join(', ')}`);
}

/** The refusal of a file over the limit (busboy's `limit` event). */
export const uploadTooLarge = tooLarge;
