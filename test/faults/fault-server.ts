/**
 * The fault-injecting test server of reliability guide §3: a loopback proxy in front of the real
 * reference server (server/app.ts), WebSocket-frame-aware on `/swp/v1/ws` and HTTP-aware on
 * `/swp/v1/*`. Tests point a transport at `faults.url` and misbehave on demand, through plain
 * function calls or a seeded schedule, then check the ledgers: frames the proxy forwarded and
 * delivered, HTTP exchanges, and the messages the server stored per clientId (read from its DB).
 *
 * Everything binds 127.0.0.1 on port 0; `close()` stops the proxy and the server and deletes the
 * data directories.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { startServer, type RunningServer, type ServerOptions } from '../../server/app';
import { ONE_ADDRESS_LIMITS } from '../helpers/one-address';
import { SWP_WS_PATH } from '../../src/transports/swp/frames';
import type { WireMessage } from '../../src/transports/swp/frames';
import { noFaults, type Direction, type FaultState, type FrameRecord, type HttpRecord, type ProxyLedger } from './fault-state';
import { createHttpRelay } from './http-relay';
import { createPrng, type Prng } from './prng';
import { resetSocket } from './reset-socket';
import { acceptedMessages, storedHistory, type AcceptedRecord } from './server-ledger';
import { WsLink } from './ws-link';

export type { Direction, FrameRecord, HttpRecord } from './fault-state';
export type { AcceptedRecord } from './server-ledger';

/** One fault, as a schedule names it. */
export type Fault =
  | { kind: 'drop'; dir: Direction; n?: number; p?: number }
  | { kind: 'delay'; dir: Direction; ms: number | [number, number] }
  | { kind: 'duplicate'; dir: Direction; p: number }
  | { kind: 'reorder'; dir: Direction; window: number }
  | { kind: 'skipSeq'; seqs: number[] }
  | { kind: 'skipNext'; n: number }
  | { kind: 'dropAcks'; n: number }
  | { kind: 'blackhole' }
  | { kind: 'halfClose' }
  | { kind: 'muteOut' }
  | { kind: 'closeWith'; code: number }
  | { kind: 'destroyAll' }
  | { kind: 'refuse'; status: number; retryAfterS?: number }
  | { kind: 'http429'; retryAfterS: number; n?: number; route?: RegExp }
  | { kind: 'http5xx'; status: number; retryAfterS?: number; n?: number; route?: RegExp }
  | { kind: 'restart'; forgetSessions: boolean; downtimeMs?: number };

/** A fault at a time (ms from the schedule's start), undone after `durationMs` when it lasts. */
export interface FaultStep {
  atMs: number;
  fault: Fault;
  durationMs?: number;
}

/**
 * What stands behind the proxy when it is not one in-process server on SQLite: e.g. several server
 * processes on one PostgreSQL (test/faults/process-backend.ts).
 */
export interface FaultBackend {
  /** Where the next WebSocket or HTTP request goes; null while nothing is up. */
  next(): { port: number; wsUrl: string } | null;
  /** The `restart` fault (several processes: one of them is killed and started again). */
  restart(options: { forgetSessions?: boolean; downtimeMs?: number }): Promise<void>;
  /** Stored messages with a clientId. */
  accepted(): Promise<AcceptedRecord[]>;
  /** Ids of a conversation's stored messages, in seq order. */
  historyIds(conversationId: string): Promise<string[]>;
  close(): Promise<void>;
}

/** Options of {@link startFaultServer}. */
export interface FaultServerOptions {
  /** Seed of every fault decision (drops, duplicates, permutations). @default 1 */
  seed?: number;
  /** Options of the reference server behind the proxy (port, dataDir and logLevel are set here). */
  server?: Omit<ServerOptions, 'port' | 'dataDir'>;
  /** Another backend instead of the in-process server (then `upstream`, `accepted()` and `history()` are not available: read with `readAccepted()`, `readHistoryIds()`). */
  backend?: FaultBackend;
}

/** Connection counts, for hygiene checks. */
export interface FaultServerStats {
  /** WebSocket links whose client side is still open. */
  liveLinks: number;
  /** Most links open at once since the last `resetPeak()`. */
  peakLiveLinks: number;
  /** WebSocket links opened so far. */
  linksOpened: number;
  /** TCP connections from clients to the proxy still open (WS and HTTP, idle pooled ones too). */
  openSockets: number;
  /** HTTP exchanges left hanging by a fault. */
  hungRequests: number;
  /** HTTP exchanges not finished yet plus WebSocket upgrades held by a fault. */
  busy: number;
  /** What each open client socket last did. */
  socketNotes: string[];
}

/** A running fault server. */
export interface FaultServer {
  /** `http://127.0.0.1:PORT` of the proxy: give it to a transport as its base URL. */
  readonly url: string;
  /** The reference server currently behind the proxy (changes on restart). */
  readonly upstream: RunningServer;
  /** Data directory of the current server incarnation. */
  readonly dataDir: string;
  readonly stats: FaultServerStats;
  /** Frames and HTTP exchanges seen since the last `resetLedger()`. */
  readonly ledger: ProxyLedger;
  /** Re-seeds the fault decisions. */
  reseed(seed: number): void;
  /** Applies one fault; returns the function that undoes it (a no-op for one-shot faults). */
  apply(fault: Fault): () => void;
  drop(dir: Direction, spec: { n?: number; p?: number }): void;
  delay(dir: Direction, ms: number | [number, number]): void;
  duplicate(dir: Direction, p: number): void;
  reorder(dir: Direction, window: number): void;
  skipSeq(seqs: number[]): void;
  /** Skips the next `n` server events (WS frames or poll events). */
  skipNext(n: number): void;
  /** The next `n` send acks are lost after the server stored the message (the connection stays). */
  dropAcks(n: number): void;
  /** Current links go half-open and new connections hang until `clear()`. */
  blackhole(): void;
  /** Ends every client's TCP stream without a close frame; HTTP exchanges in flight end unanswered. */
  halfClose(): void;
  /** Server → client traffic is dropped until `clear()`; client → server still passes. */
  muteOut(): void;
  /** Closes every client WebSocket with this code. */
  closeWith(code: number, reason?: string): void;
  /** Abrupt reset of every client connection. */
  destroyAll(): void;
  /** Refuses new WS upgrades and HTTP requests with `status` until `clear()`. */
  refuse(status: number, retryAfterS?: number): void;
  /** The next `n` HTTP requests (matching `route` over "METHOD /path", when given) get 429 with `Retry-After`. */
  http429(retryAfterS: number, n?: number, route?: RegExp): void;
  /** The next `n` HTTP requests (matching `route`, when given) get `status` (5xx), with `Retry-After` when given. */
  http5xx(status: number, retryAfterS?: number, n?: number, route?: RegExp): void;
  /** Restarts the reference server; `forgetSessions` starts it on a fresh data directory. */
  restart(options?: { forgetSessions?: boolean; downtimeMs?: number }): Promise<void>;
  /** Runs a schedule; `done` resolves once every step ran and every lasting fault was undone. */
  run(schedule: readonly FaultStep[]): { done: Promise<void>; cancel(): void };
  /** Removes every fault; hung HTTP exchanges are reset, hanging upgrades destroyed. */
  clear(): void;
  resetLedger(): void;
  resetPeak(): void;
  /** Stored messages with a clientId, over every server incarnation. */
  accepted(): AcceptedRecord[];
  /** The stored history of a conversation on the current server. */
  history(conversationId: string): WireMessage[];
  /** Stored messages with a clientId, whatever the backend. */
  readAccepted(): Promise<AcceptedRecord[]>;
  /** Ids of a conversation's stored messages in seq order, whatever the backend. */
  readHistoryIds(conversationId: string): Promise<string[]>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the reference server on a temporary data directory and the fault proxy in front of it. */
export async function startFaultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  // Every fault client comes from 127.0.0.1: per-address limits lifted, per-session ones kept.
  const serverOptions: ServerOptions = {
    logLevel: 'silent',
    operatorHours: 'always',
    botDelayMs: 0,
    extraLimits: ONE_ADDRESS_LIMITS,
    ...options.server,
  };
  const dataDirs: string[] = [];
  const newDataDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sc-faults-'));
    dataDirs.push(dir);
    return dir;
  };
  const backend = options.backend;
  let dataDir = backend ? '' : newDataDir();
  let upstream = (backend ? undefined : await startServer({ ...serverOptions, port: 0, dataDir })) as RunningServer;
  let upstreamUp = true;
  let restarting: Promise<void> | null = null;

  let state: FaultState = noFaults();
  let prng: Prng = createPrng(options.seed ?? 1);
  let ledger: ProxyLedger = { frames: [], http: [] };
  const links = new Set<WsLink>();
  const sockets = new Set<Socket>();
  const heldUpgrades = new Set<Duplex>();
  const hung = new Set<ServerResponse>();
  let linksOpened = 0;
  let inflight = 0;
  let peak = 0;
  let closing = false;

  const linkHost = {
    get state() {
      return state;
    },
    get prng() {
      return prng;
    },
    record: (entry: FrameRecord) => void ledger.frames.push(entry),
    closed: (link: WsLink) => void links.delete(link),
  };
  const relay = createHttpRelay({
    get state() {
      return state;
    },
    get prng() {
      return prng;
    },
    upstreamPort: () => (backend ? (backend.next()?.port ?? null) : upstreamUp ? upstream.port : null),
    record: (entry: HttpRecord) => void ledger.http.push(entry),
    hung,
  });

  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (p: Set<string>) => (p.size > 0 ? [...p][0]! : false),
  });
  /** What each client socket last did, for hygiene reports. */
  const socketNotes = new WeakMap<Socket, string>();
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    socketNotes.set(socket, `${req.method} ${req.url} (in progress)`);
    inflight++;
    res.on('close', () => inflight--);
    res.on('finish', () => socketNotes.set(socket, `${req.method} ${req.url} → ${res.statusCode}, idle`));
    relay(req, res);
  });
  http.keepAliveTimeout = 500;
  http.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const answer = (status: number, extra = '') =>
      socket.end(`HTTP/1.1 ${status} Fault\r\nConnection: close\r\nContent-Length: 0\r\n${extra}\r\n`);
    if (closing || pathname !== SWP_WS_PATH) return answer(404);
    if (state.blackholeNew) {
      heldUpgrades.add(socket);
      socket.on('close', () => heldUpgrades.delete(socket));
      return;
    }
    if (state.refuse)
      return answer(state.refuse.status, state.refuse.retryAfterS !== undefined ? `Retry-After: ${state.refuse.retryAfterS}\r\n` : '');
    const target = backend ? backend.next() : upstreamUp ? upstream : null;
    if (!target) return answer(502);
    const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const up = new WebSocket(target.wsUrl, protocols, { perMessageDeflate: false });
    let upgraded = false;
    up.on('error', () => {
      if (!upgraded) answer(502);
    });
    up.once('open', () => {
      upgraded = true;
      if (socket.destroyed) return up.terminate();
      wss.handleUpgrade(req, socket, head, (client) => {
        const link = new WsLink(++linksOpened, client, up, socket as Socket, linkHost);
        links.add(link);
        peak = Math.max(peak, links.size);
      });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const releaseHung = () => {
    for (const res of [...hung]) if (res.socket) resetSocket(res.socket);
    hung.clear();
    for (const s of [...heldUpgrades]) s.destroy();
    heldUpgrades.clear();
  };

  const fs: FaultServer = {
    url,
    get upstream() {
      return upstream;
    },
    get dataDir() {
      return dataDir;
    },
    get stats() {
      return {
        liveLinks: links.size,
        peakLiveLinks: peak,
        linksOpened,
        openSockets: sockets.size,
        hungRequests: hung.size,
        busy: inflight + heldUpgrades.size,
        socketNotes: [...sockets].map((s) => socketNotes.get(s) ?? (s.destroyed ? 'destroyed' : 'upgrade/unknown')),
      };
    },
    get ledger() {
      return ledger;
    },
    reseed(seed) {
      prng = createPrng(seed);
    },
    apply(fault) {
      const none = () => undefined;
      switch (fault.kind) {
        case 'drop':
          fs.drop(fault.dir, fault);
          return () => {
            state[fault.dir].dropNext = 0;
            state[fault.dir].dropP = 0;
          };
        case 'delay':
          fs.delay(fault.dir, fault.ms);
          return () => void (state[fault.dir].delay = null);
        case 'duplicate':
          fs.duplicate(fault.dir, fault.p);
          return () => void (state[fault.dir].duplicateP = 0);
        case 'reorder':
          fs.reorder(fault.dir, fault.window);
          return () => void (state[fault.dir].reorderWindow = 0);
        case 'skipSeq':
          fs.skipSeq(fault.seqs);
          return none;
        case 'skipNext':
          fs.skipNext(fault.n);
          return () => void (state.skipNextEvents = 0);
        case 'dropAcks':
          fs.dropAcks(fault.n);
          return () => void (state.dropAcks = 0);
        case 'blackhole':
          fs.blackhole();
          return () => {
            state.blackholeNew = false;
            releaseHung();
          };
        case 'halfClose':
          fs.halfClose();
          return none;
        case 'muteOut':
          fs.muteOut();
          return () => {
            state.muteOut = false;
            releaseHung();
          };
        case 'closeWith':
          fs.closeWith(fault.code);
          return none;
        case 'destroyAll':
          fs.destroyAll();
          return none;
        case 'refuse':
          fs.refuse(fault.status, fault.retryAfterS);
          return () => void (state.refuse = null);
        case 'http429':
          fs.http429(fault.retryAfterS, fault.n, fault.route);
          return none;
        case 'http5xx':
          fs.http5xx(fault.status, fault.retryAfterS, fault.n, fault.route);
          return none;
        case 'restart':
          void fs.restart(fault);
          return none;
      }
    },
    drop(dir, spec) {
      if (spec.n !== undefined) state[dir].dropNext += spec.n;
      if (spec.p !== undefined) state[dir].dropP = spec.p;
    },
    delay(dir, ms) {
      state[dir].delay = typeof ms === 'number' ? [ms, ms] : ms;
    },
    duplicate(dir, p) {
      state[dir].duplicateP = p;
    },
    reorder(dir, window) {
      state[dir].reorderWindow = window;
    },
    skipSeq(seqs) {
      for (const s of seqs) state.skipSeqs.add(s);
    },
    skipNext(n) {
      state.skipNextEvents += n;
    },
    dropAcks(n) {
      state.dropAcks += n;
    },
    blackhole() {
      state.blackholeNew = true;
      for (const link of links) link.blackhole();
    },
    halfClose() {
      for (const link of links) link.halfClose();
      for (const res of [...hung]) res.socket?.end();
    },
    muteOut() {
      state.muteOut = true;
    },
    closeWith(code, reason = 'fault server') {
      for (const link of links) link.closeWith(code, reason);
    },
    destroyAll() {
      for (const link of [...links]) link.destroy();
      for (const s of [...sockets]) resetSocket(s);
    },
    refuse(status, retryAfterS) {
      state.refuse = { status, ...(retryAfterS !== undefined ? { retryAfterS } : {}) };
    },
    http429(retryAfterS, n = 1, route) {
      state.httpErrors = { status: 429, retryAfterS, remaining: n, ...(route ? { route } : {}) };
    },
    http5xx(status, retryAfterS, n = 1, route) {
      state.httpErrors = { status, remaining: n, ...(retryAfterS !== undefined ? { retryAfterS } : {}), ...(route ? { route } : {}) };
    },
    restart(opts = {}) {
      const previous = restarting ?? Promise.resolve();
      restarting = previous.then(async () => {
        if (backend) return backend.restart(opts);
        upstreamUp = false;
        await upstream.close();
        if (opts.forgetSessions) dataDir = newDataDir();
        if (opts.downtimeMs) await sleep(opts.downtimeMs);
        if (closing) return;
        upstream = await startServer({ ...serverOptions, port: 0, dataDir });
        upstreamUp = true;
      });
      const mine = restarting;
      void mine.finally(() => {
        if (restarting === mine) restarting = null;
      });
      return mine;
    },
    run(schedule) {
      const timers = new Set<ReturnType<typeof setTimeout>>();
      const undo = new Set<() => void>();
      let cancelled = false;
      let finish!: () => void;
      const done = new Promise<void>((resolve) => (finish = resolve));
      let left = schedule.length;
      const step = () => {
        if (--left === 0) finish();
      };
      if (left === 0) finish();
      for (const s of schedule) {
        const t = setTimeout(() => {
          timers.delete(t);
          if (cancelled) return;
          const u = fs.apply(s.fault);
          if (!s.durationMs) return step();
          undo.add(u);
          const t2 = setTimeout(() => {
            timers.delete(t2);
            undo.delete(u);
            u();
            step();
          }, s.durationMs);
          timers.add(t2);
        }, s.atMs);
        timers.add(t);
      }
      return {
        done,
        cancel() {
          cancelled = true;
          for (const t of timers) clearTimeout(t);
          for (const u of undo) u();
          finish();
        },
      };
    },
    clear() {
      state = noFaults();
      releaseHung();
    },
    resetLedger() {
      ledger = { frames: [], http: [] };
    },
    resetPeak() {
      peak = links.size;
    },
    accepted: () => acceptedMessages(dataDirs),
    history: (conversationId) => storedHistory(dataDir, conversationId),
    readAccepted: async () => (backend ? backend.accepted() : acceptedMessages(dataDirs)),
    readHistoryIds: async (conversationId) =>
      backend ? backend.historyIds(conversationId) : storedHistory(dataDir, conversationId).map((m) => m.id),
    async close() {
      closing = true;
      fs.clear();
      // A backend stops its own restarts (several processes: killed, not awaited).
      if (backend) void restarting?.catch(() => undefined);
      else await restarting?.catch(() => undefined);
      for (const link of [...links]) link.destroy();
      for (const s of [...sockets]) s.destroy();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await (backend ? backend.close() : upstream.close());
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    },
  };
  return fs;
}
