/**
 * Safe static file serving: no traversal (resolved paths must stay inside the root, symlinks
 * included), known content types, `nosniff`.
 * @module
 */
import { createReadStream, promises as fs } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Serves `rel` (URL path below the mount prefix) from `root`. Resolves false when there is no
 * such file, so the caller can answer 404.
 */
export async function serveFile(
  res: ServerResponse,
  root: string,
  rel: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<boolean> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return false;
  }
  if (decoded.includes('\0') || decoded.split(/[\\/]/).some((seg) => seg === '..')) return false;
  const rootReal = await fs.realpath(root).catch(() => undefined);
  if (!rootReal) return false;
  let target = path.resolve(rootReal, '.' + path.posix.normalize('/' + decoded));
  let real = await fs.realpath(target).catch(() => undefined);
  if (!real || !inside(rootReal, real)) return false;
  let stat = await fs.stat(real);
  if (stat.isDirectory()) {
    target = path.join(real, 'index.html');
    real = await fs.realpath(target).catch(() => undefined);
    if (!real || !inside(rootReal, real)) return false;
    stat = await fs.stat(real);
  }
  if (!stat.isFile()) return false;
  const type = TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': stat.size,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
    ...headers,
  });
  if (method === 'HEAD') {
    res.end();
    return true;
  }
  createReadStream(real)
    .on('error', () => res.destroy())
    .pipe(res);
  return true;
}

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
