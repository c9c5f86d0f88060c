/**
 * `GET /swp/v1/operator/conversations/:id/transcript?format=txt|html[&locale=…][&tz=…]`: an
 * operator's export of a conversation, sent as an attachment. Authenticated as the console's
 * other HTTP requests are: `Authorization: Bearer <uploadToken>`, the token the operator
 * WebSocket's `welcome` gave this console (valid while it is connected).
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OperatorPrincipal } from '../auth/principal';
import { ServiceError } from '../domain/errors';
import type { ServerContext } from '../domain/context';
import { exportTranscript, type TranscriptFormat } from '../domain/transcript';
import { audit } from '../governance/audit';
import { checkView } from '../governance/live-feed';
import { bearer, problem } from './respond';

const ROUTE = /^\/operator\/conversations\/([^/]{1,128})\/transcript$/;
const LOCALE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8}){0,3}$/i;
const ZONE = /^[A-Za-z0-9_+\-/]{1,64}$/;

/** Who may export: the operator who holds (or held) the conversation, or a supervisor. */
export interface ExportDeps {
  /** The account behind a console's token (from the operator `welcome`). */
  principalOfToken(token: string): OperatorPrincipal | undefined;
}

function optionsOf(query: URLSearchParams): { format: TranscriptFormat; locale?: string; timeZone?: string } {
  const format = query.get('format') ?? 'txt';
  if (format !== 'txt' && format !== 'html') throw new ServiceError('invalid', 'format must be "txt" or "html"');
  const locale = query.get('locale') ?? undefined;
  if (locale !== undefined && !LOCALE.test(locale))
    throw new ServiceError('invalid', 'locale must be a BCP 47 tag such as "en" or "ru-RU"');
  const tz = query.get('tz') ?? undefined;
  if (tz !== undefined && !ZONE.test(tz)) throw new ServiceError('invalid', 'tz must be an IANA time zone such as "Europe/Moscow"');
  return { format, ...(locale ? { locale } : {}), ...(tz ? { timeZone: tz } : {}) };
}

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"`;
}

/** Serves the export when `rest` is its path; false for any other path. */
export async function handleTranscriptExport(
  ctx: ServerContext,
  deps: ExportDeps,
  req: IncomingMessage,
  res: ServerResponse,
  rest: string,
  query: URLSearchParams,
): Promise<boolean> {
  const m = ROUTE.exec(rest);
  if (!m) return false;
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    problem(res, 'unsupported', 'method not allowed', { status: 405 });
    return true;
  }
  const token = bearer(req);
  const principal = token ? deps.principalOfToken(token) : undefined;
  if (principal === undefined)
    throw new ServiceError('auth', 'an operator console token is required (Authorization: Bearer <uploadToken>)');
  const options = optionsOf(query);
  const conv = await ctx.store.conversation(m[1]!);
  if (!conv) throw new ServiceError('not_found', 'unknown conversation');
  if ((await checkView(ctx, principal, conv)) !== 'view') throw new ServiceError('forbidden', 'accept the conversation to export it');
  const file = await exportTranscript(ctx, m[1]!, options);
  const body = Buffer.from(file.body, 'utf8');
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': body.length,
    'Content-Disposition': attachment(file.fileName),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; sandbox",
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(method === 'HEAD' ? undefined : body);
  const format = file.contentType.startsWith('text/html') ? 'html' : 'txt';
  await audit(ctx, { actor: principal, action: 'export', conversationId: conv.id, userKey: conv.userKey, detail: `format ${format}` });
  ctx.log.info('transcript exported', { conversation: m[1]!, operator: principal.id, format });
  return true;
}
