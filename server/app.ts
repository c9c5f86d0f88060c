/**
 * The SWP/1 reference server: WebSocket + HTTP fallback, operator console, uploads, SQLite storage.
 * Start it with `startServer()` (tests, demo) or `npx tsx server/main.ts` (CLI).
 * @module
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode, SWP_HTTP_PREFIX, SWP_SUBPROTOCOL, SWP_WS_PATH } from '../src/protocol/frames';
import { createFallbackBot } from './bot-fallback';
import { createDemoControls } from './demo-controls';
import { postNotification, type Notification } from './domain/conversations';
import type { Bot } from './bot-types';
import { resolveConfig, type ServerOptions } from './config';
import { createSqliteStore } from './db/sqlite-store';
import { availability, type ServerContext } from './domain/context';
import { openShift, refreshQueue } from './domain/handoff';
import { queueSnapshot } from './domain/operator-view';
import { KeyedSerial } from './domain/serial';
import { isOpen, parseSchedule } from './hours';
import { createRequestHandler } from './http/router';
import { Hub } from './hub';
import { signIdentity as sign } from './identity';
import { createLogger, type Logger } from './log';
import { OPERATOR_WS_PATH } from './operator-protocol';
import { serveCustomer } from './ws/customer';
import { serveOperator } from './ws/operator';
import { OperatorRegistry } from './ws/operator-registry';

export type { ServerOptions } from './config';

/** A started server. */
export interface RunningServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `ws://…/swp/v1/ws` */
  wsUrl: string;
  consoleUrl: string;
  port: number;
  close(): Promise<void>;
  /** Test hook: the last OTP code issued for a conversation (also logged and shown in the console). */
  lastVerificationCode(conversationId: string): Promise<string | undefined>;
  /** Test hook: compute a valid identity hash for a user id. */
  signIdentity(userId: string, expiresUnix: number): string;
  /**
   * Posts to a signed-in customer's read-only notifications channel (e.g. "Your card has been
   * reissued"); the same as `POST /swp/v1/admin/notifications`.
   */
  postNotification(userId: string, notification: Notification): Promise<{ conversationId: string; messageId: string }>;
}

async function loadBot(log: Logger): Promise<Bot> {
  try {
    const mod = (await import('./bot/index')) as { createBot: () => Bot };
    return mod.createBot();
  } catch (e) {
    log.warn('server/bot could not be loaded: using the fallback bot', { error: e instanceof Error ? e.message : String(e) });
    return createFallbackBot();
  }
}

function pickProtocol(protocols: Set<string>): string | false {
  if (protocols.size === 0) return false;
  return protocols.has(SWP_SUBPROTOCOL) ? SWP_SUBPROTOCOL : false;
}

function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // non-browser clients (tests, tools)
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const config = resolveConfig(options);
  const log = createLogger(config.logLevel);
  const schedule = parseSchedule(config.operatorHours, config.timeZone);

  const memory = config.dataDir === ':memory:';
  let uploadsDir: string;
  let dbFile: string;
  if (memory) {
    uploadsDir = mkdtempSync(path.join(tmpdir(), 'swp-uploads-'));
    dbFile = ':memory:';
  } else {
    uploadsDir = path.join(config.dataDir, 'uploads');
    mkdirSync(uploadsDir, { recursive: true });
    dbFile = path.join(config.dataDir, 'support-chat.sqlite');
  }
  const ownStore = options.store === undefined;
  const store = options.store ?? createSqliteStore(dbFile);
  const bot = options.bot ?? (await loadBot(log));
  const hub = new Hub();
  const registry = new OperatorRegistry();
  let baseUrl = '';
  const ctx: ServerContext = {
    config,
    store,
    serial: new KeyedSerial(),
    hub,
    log,
    bot,
    schedule,
    operators: registry,
    onQueueChange: () => registry.queueChanged(),
    timers: new Set(),
    queueAnnounced: new Map(),
    polls: new Set(),
    publicUrl: () => config.publicUrl ?? baseUrl,
  };
  registry.snapshot = () => queueSnapshot(ctx);

  const customers = new Set<WebSocket>();
  const here = path.dirname(fileURLToPath(import.meta.url));
  const handler = createRequestHandler(ctx, {
    uploadsDir,
    consoleDir: path.join(here, 'console'),
    operatorOfToken: (t) => registry.operatorOfToken(t),
  });
  const demo = createDemoControls({
    enabled: config.demoControls,
    customers,
    ...(options.onDemoRestart ? { onRestart: options.onDemoRestart } : {}),
  });
  const http = createServer((req, res) => {
    if (demo.handle(req, res)) return;
    if (config.demoControls && (req.url ?? '').startsWith(SWP_HTTP_PREFIX + '/') && demo.interceptApi(req, res)) return;
    handler(req, res);
  });
  http.headersTimeout = 30_000;
  http.requestTimeout = 0; // long-polls and uploads; each route bounds itself
  const wsOptions = {
    noServer: true,
    maxPayload: config.limits.maxFrameBytes,
    handleProtocols: pickProtocol,
    perMessageDeflate: false,
  } as const;
  const customerWss = new WebSocketServer(wsOptions);
  const operatorWss = new WebSocketServer(wsOptions);

  http.on('upgrade', (req, socket, head) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname === SWP_WS_PATH) {
      if (demo.refusing()) return void socket.destroy();
      customerWss.handleUpgrade(req, socket, head, (ws) => {
        customers.add(ws);
        demo.wrapCustomerSocket(ws);
        ws.on('close', () => customers.delete(ws));
        serveCustomer(ctx, ws, req.socket.remoteAddress ?? '');
      });
    } else if (pathname === OPERATOR_WS_PATH && sameOrigin(req)) {
      operatorWss.handleUpgrade(req, socket, head, (ws) => serveOperator(ctx, registry, ws));
    } else {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    }
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost =
    config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  baseUrl = `http://${shownHost}:${port}`;

  // Operator shifts: announce availability changes and move "next shift" conversations into the queue.
  let wasOpen = isOpen(schedule, config.now());
  const shiftTimer = setInterval(() => {
    const open = isOpen(schedule, config.now());
    const shiftStarted = open && !wasOpen;
    if (open !== wasOpen) {
      wasOpen = open;
      hub.broadcast({ t: 'availability', availability: availability(ctx) });
      log.info(open ? 'operator shift started' : 'operator shift ended');
    }
    void (async () => {
      if (shiftStarted) await openShift(ctx);
      await refreshQueue(ctx);
      registry.queueChanged();
    })().catch((e: unknown) => log.error('shift tick failed', { error: e instanceof Error ? e.message : String(e) }));
  }, 30_000);
  shiftTimer.unref();

  log.info('server listening', { url: baseUrl, dataDir: config.dataDir, hours: config.operatorHours, timeZone: config.timeZone });

  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    wsUrl: `ws://${shownHost}:${port}${SWP_WS_PATH}`,
    consoleUrl: `${baseUrl}/console`,
    port,
    lastVerificationCode: async (conversationId) => (await store.lastChallenge(conversationId))?.code,
    signIdentity: (userId, expiresUnix) => sign(config.identitySecret, userId, expiresUnix),
    postNotification: (userId, notification) => postNotification(ctx, `u:${userId}`, notification),
    close() {
      closed ??= (async () => {
        clearInterval(shiftTimer);
        demo.close();
        for (const t of ctx.timers) clearTimeout(t);
        ctx.timers.clear();
        for (const abort of [...ctx.polls]) abort();
        for (const ws of customers) {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'goaway', reconnectInMs: 1000, reason: 'shutdown' }));
          ws.close(CloseCode.GOING_AWAY, 'server shutdown');
        }
        registry.close();
        await new Promise<void>((resolve) => setTimeout(resolve, 20));
        for (const ws of [...customerWss.clients, ...operatorWss.clients]) ws.terminate();
        customerWss.close();
        operatorWss.close();
        await new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeAllConnections();
        });
        if (ownStore) await store.close();
        if (memory) rmSync(uploadsDir, { recursive: true, force: true });
        log.info('server stopped');
      })();
      return closed;
    },
  };
}
