/**
 * The HTTP half of the fault server: relays `/swp/v1/*` requests to the reference server through
 * the active faults (refuse, 429/5xx with Retry-After, blackhole, mute, drop before or after the
 * server saw the request, duplicate requests, delay, skipped poll events) and logs every exchange.
 */
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { FaultState, HttpRecord } from './fault-state';
import type { Prng } from './prng';
import { resetSocket } from './reset-socket';

/** What the relay needs from its fault server. */
export interface RelayHost {
  state: FaultState;
  prng: Prng;
  /** Port of the running reference server, or null while it is down. */
  upstreamPort(): number | null;
  record(entry: HttpRecord): void;
  /** Exchanges left hanging (blackhole, mute); reset when those faults clear. */
  hung: Set<ServerResponse>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface Upstream {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function forward(port: number, req: IncomingMessage, body: Buffer, signal: AbortSignal): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && k !== 'host' && k !== 'connection' && k !== 'keep-alive') headers[k] = v;
    }
    headers['content-length'] = String(body.length);
    const up = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers, signal, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers))
          if (typeof v === 'string' && k !== 'connection' && k !== 'keep-alive' && k !== 'transfer-encoding') out[k] = v;
        resolve({ status: res.statusCode ?? 502, headers: out, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    up.on('error', reject);
    up.end(body);
  });
}

function problemBody(status: number, retryAfterS?: number): Buffer {
  const code =
    status === 429 ? 'rate_limited' : status >= 500 ? 'server' : status === 401 ? 'auth' : status === 403 ? 'forbidden' : 'invalid';
  return Buffer.from(
    JSON.stringify({
      title: `fault server: ${status}`,
      status,
      code,
      message: `injected ${status}`,
      retryable: status === 429 || status >= 500,
      ...(retryAfterS !== undefined ? { retryAfterMs: retryAfterS * 1000 } : {}),
    }),
  );
}

/** Drops events the skip faults name from a poll response (the cursor still moves past them). */
function skipEvents(state: FaultState, body: Buffer): Buffer {
  if (state.skipSeqs.size === 0 && state.skipNextEvents === 0) return body;
  try {
    const doc = JSON.parse(body.toString()) as { events?: Array<{ seq: number }> };
    if (!Array.isArray(doc.events)) return body;
    doc.events = doc.events.filter((e) => {
      if (state.skipSeqs.has(e.seq)) return false;
      if (state.skipNextEvents > 0) {
        state.skipNextEvents--;
        state.skipSeqs.add(e.seq);
        return false;
      }
      return true;
    });
    return Buffer.from(JSON.stringify(doc));
  } catch {
    return body;
  }
}

/** Creates the request handler. */
export function createHttpRelay(host: RelayHost): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void (async () => {
      const { state, prng } = host;
      const key = req.headers['idempotency-key'];
      const entry: HttpRecord = {
        at: Date.now(),
        method: req.method ?? 'GET',
        path: (req.url ?? '/').split('?')[0]!,
        status: 0,
        ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
      };
      host.record(entry);
      const life = new AbortController();
      res.on('close', () => life.abort());
      const send = (status: number, headers: Record<string, string>, body: Buffer) => {
        if (res.headersSent || res.destroyed) return;
        entry.status = status;
        res.writeHead(status, { ...headers, 'content-length': String(body.length), connection: 'close' });
        res.end(body);
      };
      const reset = (fault: string) => {
        entry.fault = fault;
        if (res.socket) resetSocket(res.socket);
      };
      const hang = (fault: string) => {
        entry.fault = fault;
        host.hung.add(res);
        res.on('close', () => host.hung.delete(res));
      };
      let body: Buffer;
      try {
        body = await readBody(req);
      } catch {
        return;
      }
      if (state.blackholeNew) return hang('blackhole');
      if (state.refuse) {
        entry.fault = `refuse ${state.refuse.status}`;
        const h: Record<string, string> = { 'content-type': 'application/problem+json' };
        if (state.refuse.retryAfterS !== undefined) h['retry-after'] = String(state.refuse.retryAfterS);
        return send(state.refuse.status, h, problemBody(state.refuse.status, state.refuse.retryAfterS));
      }
      const injected = state.httpErrors;
      if (injected && injected.remaining > 0 && (!injected.route || injected.route.test(`${entry.method} ${entry.path}`))) {
        injected.remaining--;
        if (injected.remaining === 0) state.httpErrors = null;
        entry.fault = `status ${injected.status}`;
        const h: Record<string, string> = { 'content-type': 'application/problem+json' };
        if (injected.retryAfterS !== undefined) h['retry-after'] = String(injected.retryAfterS);
        return send(injected.status, h, problemBody(injected.status, injected.retryAfterS));
      }
      if (state.in.dropNext > 0) {
        state.in.dropNext--;
        return reset('dropped before the server');
      }
      if (prng.chance(state.in.dropP)) return reset('dropped before the server');
      if (state.in.delay) await sleep(prng.int(state.in.delay[0], state.in.delay[1]));
      const port = host.upstreamPort();
      if (port === null) {
        entry.fault = 'server down';
        return send(502, { 'content-type': 'text/plain' }, Buffer.from('server down'));
      }
      let answer: Upstream;
      try {
        answer = await forward(port, req, body, life.signal);
        if (prng.chance(state.in.duplicateP) && !life.signal.aborted) {
          entry.fault = 'duplicated';
          await forward(port, req, body, life.signal).catch(() => undefined);
        }
      } catch {
        if (life.signal.aborted) return;
        entry.fault = 'server unreachable';
        return send(502, { 'content-type': 'text/plain' }, Buffer.from('bad gateway'));
      }
      if (res.destroyed) return;
      if (state.muteOut) return hang('muted');
      if (state.blackholeNew) return hang('blackhole');
      if (state.dropAcks > 0 && entry.method === 'POST' && /\/messages$/.test(entry.path) && answer.status < 300) {
        state.dropAcks--;
        return reset('ack dropped');
      }
      if (state.out.dropNext > 0) {
        state.out.dropNext--;
        return reset('response dropped');
      }
      if (prng.chance(state.out.dropP)) return reset('response dropped');
      if (/\/events$/.test(entry.path) && answer.status === 200) answer.body = skipEvents(state, answer.body);
      if (state.out.delay) await sleep(prng.int(state.out.delay[0], state.out.delay[1]));
      send(answer.status, answer.headers, answer.body);
    })();
  };
}
