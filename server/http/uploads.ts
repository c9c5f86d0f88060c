/**
 * `POST /swp/v1/uploads` (multipart, one `file` part) and `GET /swp/v1/files/:id`.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BlobStore } from '../blobs/blob-store';
import type { ServerContext } from '../domain/context';
import { ServiceError } from '../domain/errors';
import { attachmentRef, isRasterImage } from '../domain/messages';
import { sessionOfToken } from '../domain/sessions';
import { clientAddress } from '../limits/client-address';
import { answerBodyTimeout, BodyTimeout } from '../limits/body-timeouts';
import { limitsOf, type Subject } from '../limits/limiter';
import { boundaryOf, safeFileName } from '../uploads/multipart';
import { type Received, receiveUpload } from '../uploads/receive';
import { bearer, json, problem, problemOf } from './respond';

/** Where files live and who may upload. */
export interface UploadDeps {
  /** The bytes of uploaded files. */
  blobs: BlobStore;
  /** Operator id of an operator upload token (given in the operator `welcome`). */
  operatorOfToken(token: string): string | undefined;
}

/** Multipart overhead allowed above the file size limit. */
const OVERHEAD = 16 * 1024;

/** Answers a refused upload and closes the connection once the answer is out (its body is left unread). */
function refuse(req: IncomingMessage, res: ServerResponse, e: ServiceError): void {
  if (e instanceof BodyTimeout) return answerBodyTimeout(req, res, (status) => problem(res, 'timeout', e.message, { status }));
  if (!res.headersSent) res.setHeader('Connection', 'close');
  res.once('finish', () => req.destroy());
  problemOf(res, e);
}

/** Who uploads: a customer session or an operator (`op:<id>`), and from where. */
async function uploader(ctx: ServerContext, deps: UploadDeps, req: IncomingMessage): Promise<Subject> {
  const token = bearer(req);
  if (!token) throw new ServiceError('auth', 'missing Authorization: Bearer <sessionToken>');
  const operator = deps.operatorOfToken(token);
  const owner = operator !== undefined ? `op:${operator}` : (await sessionOfToken(ctx, token))?.id;
  if (owner === undefined) throw new ServiceError('auth', 'unknown or expired session token');
  return { owner, address: clientAddress(req, ctx) };
}

/** The quotas that can refuse before a byte is read: count, and bytes already used up. */
async function precheck(ctx: ServerContext, req: IncomingMessage, who: Subject): Promise<void> {
  const limits = ctx.config.limits;
  if (!boundaryOf(req.headers['content-type'])) throw new ServiceError('invalid', 'expected multipart/form-data with a boundary');
  if (Number(req.headers['content-length'] ?? '0') > limits.maxUploadBytes + OVERHEAD)
    throw new ServiceError('too_large', `files must be at most ${limits.maxUploadBytes} bytes`);
  const limiter = limitsOf(ctx);
  const bytes = limiter.uploadBytesExhausted(who);
  if (bytes !== null) throw new ServiceError('rate_limited', 'upload quota used up: try again later', bytes);
  await limiter.check('uploads', who, 'uploads');
}

/** Stores one uploaded file, streamed to the blob store (never whole in memory). */
export async function handleUpload(
  ctx: ServerContext,
  deps: UploadDeps,
  req: IncomingMessage,
  res: ServerResponse,
  _query: URLSearchParams,
): Promise<void> {
  const limits = ctx.config.limits;
  const id = `f_${randomBytes(16).toString('base64url')}`;
  let who: Subject;
  let got: Received;
  try {
    who = await uploader(ctx, deps, req);
    await precheck(ctx, req, who);
    got = await receiveUpload(req, {
      blobs: deps.blobs,
      id,
      accept: limits.uploadTypes,
      maxBytes: limits.maxUploadBytes,
      timeouts: ctx.config.extraLimits,
    });
  } catch (e) {
    if (e instanceof ServiceError) return refuse(req, res, e);
    throw e;
  }
  const over = await limitsOf(ctx).uploadBytes(who, got.size);
  if (over !== null) {
    await deps.blobs.remove(id);
    return problem(res, 'rate_limited', 'upload quota used up: try again later', { retryAfterMs: over });
  }
  const row = {
    id,
    owner: who.owner,
    name: safeFileName(got.filename),
    mimeType: got.mimeType,
    size: got.size,
    createdAt: ctx.config.now(),
  };
  await ctx.store.insertUpload(row);
  ctx.log.info('file uploaded', {
    id,
    mimeType: row.mimeType,
    size: row.size,
    owner: who.owner.startsWith('op:') ? 'operator' : 'customer',
  });
  json(res, 201, attachmentRef(ctx, row));
}

/** The extension each accepted (sniffed) type is served with. */
const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
};

/**
 * The file name a download is saved under: its extension follows the sniffed type, so "invoice.pdf"
 * that is really a PNG is saved as "invoice.png" and never opens as something it is not.
 */
export function withSniffedExtension(name: string, mimeType: string): string {
  const ext = EXTENSIONS[mimeType];
  if (!ext) return name;
  const dot = name.lastIndexOf('.');
  const current = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (current === ext || (ext === 'jpg' && current === 'jpeg')) return name;
  return `${dot > 0 ? name.slice(0, dot) : name}.${ext}`;
}

function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Serves a stored file with safe headers. Ids are unguessable (128 bits): the link is the capability. */
export async function handleDownload(ctx: ServerContext, deps: UploadDeps, res: ServerResponse, id: string, method: string): Promise<void> {
  const row = await ctx.store.upload(id);
  const blob = row ? await deps.blobs.get(id) : undefined;
  if (!row || !blob) return problem(res, 'not_found', 'no such file');
  const inline = isRasterImage(row.mimeType);
  res.writeHead(200, {
    'Content-Type': row.mimeType === 'text/plain' ? 'text/plain; charset=utf-8' : row.mimeType,
    'Content-Length': blob.size,
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', withSniffedExtension(row.name, row.mimeType)),
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Cache-Control': 'private, max-age=86400',
  });
  if (method === 'HEAD') {
    res.end();
    return;
  }
  blob
    .stream()
    .on('error', () => res.destroy())
    .pipe(res);
}
