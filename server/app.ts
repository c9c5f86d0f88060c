/**
 * The SWP/1 reference server: WebSocket + HTTP fallback, operator console, uploads, SQLite storage.
 * Start it with `startServer()` (tests, demo) or `npx tsx server/main.ts` (CLI).
 * @module
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode, SWP_HTTP_PREFIX, SWP_SUBPROTOCOL, SWP_WS_PATH } from '../src/protocol/frames';
import { createDemoControls } from './demo-controls';
import { postNotification } from './domain/conversations';
import { resolveConfig, type ServerOptions } from './config';
import { startRetention } from './governance/retention';
import { availability, type ServerContext } from './domain/context';
import { openShift, refreshQueue } from './domain/handoff';
import { pushCanned } from './desk/canned';
import { maskCards } from './domain/masking';
import { queueSnapshot } from './domain/operator-view';
import { deliveredCode } from './domain/verification';
import { KeyedSerial } from './domain/serial';
import { isOpen, parseSchedule } from './hours';
import { createRequestHandler } from './http/router';
import { Hub } from './hub';
import { Metrics } from './metrics';
import { signIdentity as sign } from './identity';
import { createLogger } from './log';
import { OPERATOR_WS_PATH } from './operator-protocol';
import { ensureAccount } from './auth/accounts';
import { upgradeOperator } from './auth/upgrade';
import { clientAddress } from './limits/client-address';
import { startSweeper } from './limits/sweeper';
import { serveCustomer } from './ws/customer';
import { serveOperator } from './ws/operator';
import { OperatorRegistry } from './ws/operator-registry';

export type { ServerOptions } from './config';
export type { RunningServer } from './running-server';
import type { RunningServer } from './running-server';
import { loadBot, openStorage } from './storage-open';

function pickProtocol(protocols: Set<string>): string | false {
  if (protocols.size === 0) return false;
  return protocols.has(SWP_SUBPROTOCOL) ? SWP_SUBPROTOCOL : false;
}

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const config = resolveConfig(options);
  const log = createLogger(config.logLevel, options.logWriter, maskCards);
  const schedule = parseSchedule(config.operatorHours, config.timeZone);

  const memory = config.dataDir === ':memory:';
  let uploadsDir: string;
  let dbFile: string;
  if (memory) {
    uploadsDir = mkdtempSync(path.join(tmpdir(), 'swp-uploads-'));
    dbFile = ':memory:';
  } else {
    uploadsDir = path.join(config.dataDir, 'uploads');
    // Owner only: the database and the uploads hold customers' conversations (0700; files 0600).
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    mkdirSync(uploadsDir, { recursive: true, mode: 0o700 });
    dbFile = path.join(config.dataDir, 'support-chat.sqlite');
  }
  const { store, bus, blobs, owned } = await openStorage(options, dbFile, uploadsDir, log);
  for (const demoAccount of config.accounts.demoAccounts) await ensureAccount(store.accounts, demoAccount);
  const bot = options.bot ?? (await loadBot(log));
  const hub = new Hub();
  const registry = new OperatorRegistry();
  let baseUrl = '';
  const metrics = new Metrics();
  let draining = false;
  let inflight = 0;
  const ctx: ServerContext = {
    metrics,
    config,
    store,
    serial: new KeyedSerial(),
    hub,
    log,
    bot,
    schedule,
    operators: registry,
    onQueueChange: () => {
      registry.queueChanged();
      hub.queueChanged();
    },
    timers: new Set(),
    polls: new Set(),
    publicUrl: () => config.publicUrl ?? baseUrl,
    blobs,
  };
  registry.snapshot = () => queueSnapshot(ctx);
  const detachBus = bus
    ? hub.attach(bus, {
        read: (id, after, limit) => store.eventsAfter(id, after, limit),
        failed: (e) => log.error('reading events from the store failed', { error: e instanceof Error ? e.message : String(e) }),
        queueChanged: () => registry.queueChanged(),
        presence: (process, operators, people) => registry.remotePresence(process, operators, people),
        canned: () => void pushCanned(ctx).catch(() => undefined), // the next change or reconnect sends a fresh list
        botDelayMs: config.botDelayMs,
      })
    : undefined;
  // Several processes: each tells the others its operators, on change and every 10 s (a process that
  // dies stops counting after PRESENCE_TTL_MS).
  const processId = randomUUID();
  const announce = (): void => hub.announcePresence(processId, registry.present());
  registry.onPresence = announce;
  const presenceTimer = bus ? setInterval(announce, 10_000) : undefined;
  presenceTimer?.unref();
  const stopSweeper = startSweeper(ctx, blobs);

  const customers = new Set<WebSocket>();
  metrics.gauge('sc_customer_connections', 'Customer WebSocket connections open.', () => customers.size);
  metrics.gauge('sc_operators_online', 'Distinct operators online: on this process and on the others it heard from.', () =>
    registry.online(),
  );
  metrics.gauge('sc_long_polls', 'HTTP long-polls held open.', () => ctx.polls.size);
  metrics.gauge(
    'sc_queue_length',
    'Conversations waiting for an operator (queued or left for the next shift).',
    async () => (await store.queue()).length,
  );
  metrics.gauge('sc_http_in_flight', 'HTTP requests in flight.', () => inflight);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const handler = createRequestHandler(ctx, {
    blobs,
    consoleDir: path.join(here, 'console'),
    metrics,
    draining: () => draining,
    metricsToken: config.metricsToken,
    operatorOfToken: (t) => registry.operatorOfToken(t),
    principalOfToken: (t) => registry.principalOfToken(t),
  });
  const demo = createDemoControls({
    enabled: config.demoControls,
    customers,
    ...(options.onDemoRestart ? { onRestart: options.onDemoRestart } : {}),
  });
  const http = createServer((req, res) => {
    inflight++;
    res.once('close', () => {
      inflight--;
      metrics.inc('sc_http_responses_total', { status: `${Math.floor(res.statusCode / 100)}xx` });
    });
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
        serveCustomer(ctx, ws, clientAddress(req, ctx));
      });
    } else if (pathname === OPERATOR_WS_PATH) {
      void upgradeOperator(ctx, operatorWss, req, socket, head, (ws, auth, token) => serveOperator(ctx, registry, ws, auth, token));
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

  const retention = startRetention(ctx);

  log.info('server listening', { url: baseUrl, dataDir: config.dataDir, hours: config.operatorHours, timeZone: config.timeZone });

  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    wsUrl: `ws://${shownHost}:${port}${SWP_WS_PATH}`,
    consoleUrl: `${baseUrl}/console`,
    port,
    lastVerificationCode: async (conversationId) => deliveredCode(ctx, conversationId),
    createOperatorAccount: async (input) => ({ id: (await ensureAccount(store.accounts, input)).id }),
    signIdentity: (userId, expiresUnix) => sign(config.identitySecret, userId, expiresUnix),
    postNotification: (userId, notification) => postNotification(ctx, `u:${userId}`, notification),
    close() {
      closed ??= (async () => {
        draining = true;
        // No new connections from here; idle keep-alive ones go now, busy ones after the drain.
        const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeIdleConnections();
        clearInterval(shiftTimer);
        stopSweeper();
        if (presenceTimer) clearInterval(presenceTimer);
        demo.close();
        for (const t of ctx.timers) clearTimeout(t);
        ctx.timers.clear();
        for (const abort of [...ctx.polls]) abort();
        for (const ws of customers) {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'goaway', reconnectInMs: 1000, reason: 'shutdown' }));
          ws.close(CloseCode.GOING_AWAY, 'server shutdown');
        }
        registry.close();
        // Drain: requests in flight (a send being stored, an upload) finish before the store closes.
        const until = Date.now() + config.drainMs;
        while (inflight > 0 && Date.now() < until) await new Promise<void>((resolve) => setTimeout(resolve, 20));
        await new Promise<void>((resolve) => setTimeout(resolve, 20));
        await retention.stop();
        for (const ws of [...customerWss.clients, ...operatorWss.clients]) ws.terminate();
        customerWss.close();
        operatorWss.close();
        http.closeAllConnections();
        await httpClosed;
        detachBus?.();
        if (owned.bus) await bus?.close();
        if (owned.store) await store.close();
        if (owned.blobs) await blobs.close();
        if (memory) rmSync(uploadsDir, { recursive: true, force: true });
        log.info('server stopped');
      })();
      return closed;
    },
  };
}
