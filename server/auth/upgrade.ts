/**
 * The operator socket's door: an upgrade is taken only from an allowed Origin (or none, for tools)
 * and with a valid session (cookie, bearer or SSO); anything else is answered with a plain HTTP
 * 403/401 before any WebSocket exists, so an anonymous client gets nothing at all.
 * @module
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { ServerContext } from '../domain/context';
import { checkOrigin } from './origin';
import { authenticateRequest } from './request-auth';
import { type OperatorAuth, requestToken } from './sessions';

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Authenticates an operator upgrade, then hands the socket to `serve` (with who it is and the token it came with). */
export async function upgradeOperator(
  ctx: ServerContext,
  wss: WebSocketServer,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  serve: (ws: WebSocket, auth: OperatorAuth, token: string | undefined) => void,
): Promise<void> {
  socket.on('error', () => undefined);
  if (checkOrigin(ctx, req) === 'refused') return refuse(socket, '403 Forbidden');
  let auth: OperatorAuth | undefined;
  try {
    auth = await authenticateRequest(ctx, req);
  } catch (e) {
    ctx.log.error('operator sign-in check failed', { error: e instanceof Error ? e.message : String(e) });
    return refuse(socket, '503 Service Unavailable');
  }
  if (!auth) return refuse(socket, '401 Unauthorized');
  if (socket.destroyed) return;
  const who = auth;
  wss.handleUpgrade(req, socket, head, (ws) => serve(ws, who, requestToken(req)));
}
