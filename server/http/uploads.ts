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
import { boundaryOf, parseMultipart, safeFileName, type FormPart } from '../uploads/multipart';
import { sniff } from '../uploads/sniff';
import { bearer, json, problem, readBody } from './respond';

/** Where files live and who may upload. */
export interface UploadDeps {
  /** The bytes of uploaded files. */
  blobs: BlobStore;
  /** Operator id of an operator upload token (given in the operator `welcome`). */
  operatorOfToken(token: string): string | undefined;
}

/** Multipart overhead allowed above the file size limit. */
const OVERHEAD = 16 * 1024;

/** Stores one uploaded file. */
export async function handleUpload(
  ctx: ServerContext,
  deps: UploadDeps,
  req: IncomingMessage,
  res: ServerResponse,
  _query: URLSearchParams,
): Promise<void> {
  const token = bearer(req);
  if (!token) throw new ServiceError('auth', 'missing Authorization: Bearer <sessionToken>');
  const operator = deps.operatorOfToken(token);
  const owner = operator !== undefined ? `op:${operator}` : (await sessionOfToken(ctx, token))?.id;
  if (owner === undefined) throw new ServiceError('auth', 'unknown or expired session token');
  const limits = ctx.config.limits;
  const boundary = boundaryOf(req.headers['content-type']);
  if (!boundary) throw new ServiceError('invalid', 'expected multipart/form-data with a boundary');
  let body: Buffer;
  try {
    body = await readBody(req, limits.maxUploadBytes + OVERHEAD);
  } catch (e) {
    if (e instanceof ServiceError && e.code === 'too_large') {
      res.setHeader('Connection', 'close');
      problem(res, 'too_large', `files must be at most ${limits.maxUploadBytes} bytes`);
      res.on('finish', () => req.destroy());
      return;
    }
    throw e;
  }
  let parts: FormPart[];
  try {
    parts = parseMultipart(body, boundary);
  } catch (e) {
    throw new ServiceError('invalid', `malformed multipart body: ${e instanceof Error ? e.message : String(e)}`);
  }
  const files = parts.filter((p) => p.filename !== undefined || p.name === 'file');
  if (files.length === 0) throw new ServiceError('invalid', 'no "file" part');
  if (files.length > 1) throw new ServiceError('invalid', 'one file per request');
  const file = files[0]!;
  if (file.data.length > limits.maxUploadBytes) throw new ServiceError('too_large', `files must be at most ${limits.maxUploadBytes} bytes`);
  if (file.data.length === 0) throw new ServiceError('invalid', 'the file is empty');
  const mimeType = sniff(file.data);
  if (!mimeType || !limits.uploadTypes.includes(mimeType)) {
    throw new ServiceError('unsupported_type', `accepted types: ${limits.uploadTypes.join(', ')}`);
  }
  const id = `f_${randomBytes(16).toString('base64url')}`;
  await deps.blobs.put(id, file.data);
  const row = { id, owner, name: safeFileName(file.filename), mimeType, size: file.data.length, createdAt: ctx.config.now() };
  await ctx.store.insertUpload(row);
  ctx.log.info('file uploaded', { id, mimeType, size: row.size, owner: operator !== undefined ? 'operator' : 'customer' });
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
