/**
 * Fault switches for the demo page's QA panel, enabled only by `demoControls: true` (never in
 * production): `POST /demo/drop` cuts every customer WebSocket and held long-poll abruptly and
 * refuses new ones for {@link DROP_OUTAGE_MS} (the clients must reconnect and resume), `POST /demo/slow?ms=N` delays every outgoing customer frame
 * and `/swp/v1` response by N ms (0 stops), `POST /demo/restart` asks the host to restart the server
 * (only when it passed `onDemoRestart`). Requests from another origin are refused.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';
import { SWP_HTTP_PREFIX } from '../src/protocol/frames';

/** Longest delay `/demo/slow` accepts, ms. */
export const MAX_DEMO_DELAY_MS = 30_000;
/**
 * After a drop, new customer connections and API requests are cut too for this long, like a short
 * network outage (browsers silently retry a request that failed on a reused connection once).
 */
export const DROP_OUTAGE_MS = 1000;

/** The switches of one server. @internal */
export interface DemoControls {
  /** Handles `/demo/*`; false when the request is not one of them (or the switches are off). */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Delays what the server sends on this customer socket while `/demo/slow` is on. */
  wrapCustomerSocket(ws: WebSocket): void;
  /** True while a drop's outage lasts: the caller cuts the new connection. */
  refusing(): boolean;
  /**
   * Takes a customer API request: cuts it during a drop's outage (returns true), else delays its
   * response while slow and tracks it if it is a long-poll, so a drop can cut it (returns false).
   */
  interceptApi(req: IncomingMessage, res: ServerResponse): boolean;
  /** Clears pending delays (server shutdown). */
  close(): void;
}

/** What the switches act on. @internal */
export interface DemoControlDeps {
  enabled: boolean;
  customers: ReadonlySet<WebSocket>;
  onRestart?: () => void;
}

const EVENTS_PATH = /^\/conversations\/[^/]+\/events$/;

function reply(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function fromOtherOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

/** Creates the switches; with `enabled: false` they do nothing and `/demo/*` stays a 404. @internal */
export function createDemoControls(deps: DemoControlDeps): DemoControls {
  let delayMs = 0;
  let outageUntil = 0;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const polls = new Set<ServerResponse>();

  /** Runs `fn` after the current delay, never before anything scheduled earlier on the same channel. */
  const later = (channel: { due: number }, fn: () => void): void => {
    const now = Date.now();
    if (delayMs === 0 && channel.due <= now) return fn();
    channel.due = Math.max(now + delayMs, channel.due);
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, channel.due - now);
    timers.add(t);
  };

  const drop = (): number => {
    outageUntil = Date.now() + DROP_OUTAGE_MS;
    let n = 0;
    for (const ws of deps.customers) {
      ws.terminate(); // no close frame: the client sees an abnormal closure (1006)
      n++;
    }
    for (const res of polls) {
      res.destroy();
      n++;
    }
    polls.clear();
    return n;
  };

  return {
    handle(req, res) {
      if (!deps.enabled) return false;
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith('/demo/')) return false;
      if (req.method !== 'POST') return false;
      if (fromOtherOrigin(req)) {
        reply(res, 403, { error: 'demo controls only answer the demo page' });
        return true;
      }
      switch (url.pathname) {
        case '/demo/drop':
          reply(res, 200, { dropped: drop() });
          return true;
        case '/demo/slow': {
          const raw = url.searchParams.get('ms') ?? '';
          if (!/^\d{1,5}$/.test(raw) || Number(raw) > MAX_DEMO_DELAY_MS) {
            reply(res, 400, { error: `ms must be an integer from 0 to ${MAX_DEMO_DELAY_MS}` });
            return true;
          }
          delayMs = Number(raw);
          reply(res, 200, { delayMs });
          return true;
        }
        case '/demo/restart': {
          const restart = deps.onRestart;
          if (!restart) return false;
          res.once('finish', () => setImmediate(restart));
          reply(res, 202, { restarting: true });
          return true;
        }
        default:
          return false;
      }
    },
    wrapCustomerSocket(ws) {
      if (!deps.enabled) return;
      const channel = { due: 0 };
      const send = ws.send.bind(ws) as (data: string) => void;
      // serveCustomer sends strings only; a delayed frame is dropped if the socket closed meanwhile.
      ws.send = ((data: string) =>
        later(channel, () => {
          if (ws.readyState === ws.OPEN) send(data);
        })) as WebSocket['send'];
    },
    refusing: () => deps.enabled && Date.now() < outageUntil,
    interceptApi(req, res) {
      if (!deps.enabled) return false;
      if (Date.now() < outageUntil) {
        req.socket.destroy();
        return true;
      }
      const path = new URL(req.url ?? '/', 'http://localhost').pathname.slice(SWP_HTTP_PREFIX.length);
      if (req.method === 'GET' && EVENTS_PATH.test(path)) {
        polls.add(res);
        res.once('close', () => polls.delete(res));
      }
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      const channel = { due: 0 };
      res.end = ((...args: unknown[]) => {
        later(channel, () => {
          if (!res.destroyed) end(...args);
        });
        return res;
      }) as ServerResponse['end'];
      return false;
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      polls.clear();
    },
  };
}
