/**
 * A small Node operator client for tests: connects to the reference server's operator WebSocket
 * (`/swp/v1/operator/ws`) and acts as a console would.
 *
 * ```ts
 * const op = await connectOperator(server.url, 'Anna');
 * await op.waitForQueue((q) => q.waiting.some((i) => i.conversationId === id));
 * await op.accept(id);
 * await op.send(id, 'Hello, I am Anna');
 * await op.disconnect();
 * ```
 * @module
 */
import WebSocket from 'ws';
import type { Participant } from '../../src/core/model';
import type { ConversationDetail, OperatorServerFrame, QueueSnapshot } from '../../server/operator-protocol';

/** A refusal from the server (`nack`), e.g. code `already_taken`. */
export class OperatorRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OperatorRequestError';
  }
}

/** A connected test operator. */
export interface OperatorClient {
  readonly operator: Participant;
  /** Bearer token for `POST /swp/v1/uploads` as this operator. */
  readonly uploadToken: string;
  /** Every frame received, in order (events, typing, queue, acks…). */
  readonly events: OperatorServerFrame[];
  /** The latest queue snapshot. */
  readonly queue: QueueSnapshot;
  /** Resolves with the first queue snapshot (current or future) that satisfies the predicate. */
  waitForQueue(predicate: (queue: QueueSnapshot) => boolean, timeoutMs?: number): Promise<QueueSnapshot>;
  /** Resolves with the first received frame (past or future) that satisfies the predicate. */
  waitFor(predicate: (frame: OperatorServerFrame) => boolean, timeoutMs?: number): Promise<OperatorServerFrame>;
  /** Customer context and transcript, without taking the conversation. */
  view(conversationId: string): Promise<ConversationDetail>;
  /** Takes a waiting conversation; rejects with `OperatorRequestError('already_taken')` when another operator has it. */
  accept(conversationId: string): Promise<ConversationDetail>;
  send(conversationId: string, text: string, attachments?: Array<{ id: string }>): Promise<{ id: string; seq: number }>;
  typing(conversationId: string, on: boolean): void;
  read(conversationId: string, upTo?: number): Promise<void>;
  close(conversationId: string): Promise<void>;
  /** Sends any request frame (a fresh `id` is added); resolves with the answer (`ack`, `desk.result`…), rejects on `nack`. */
  request(frame: Record<string, unknown>): Promise<OperatorServerFrame>;
  disconnect(): Promise<void>;
}

/** Options of {@link connectOperator}. */
export interface ConnectOperatorOptions {
  token?: string;
  timeoutMs?: number;
  avatarUrl?: string;
  /** The account's role (default `operator`). */
  role?: 'operator' | 'supervisor';
}

let counter = 0;

/** Connects as operator `name` to the server at `baseUrl` (`http://127.0.0.1:PORT`). */
export async function connectOperator(baseUrl: string, name: string, options: ConnectOperatorOptions = {}): Promise<OperatorClient> {
  const wsUrl = baseUrl.replace(/^http/, 'ws').replace(/\/$/, '') + '/swp/v1/operator/ws';
  const ws = new WebSocket(wsUrl);
  const events: OperatorServerFrame[] = [];
  const waiters = new Set<{ test: (f: OperatorServerFrame) => boolean; resolve: (f: OperatorServerFrame) => void }>();
  let queue: QueueSnapshot = { waiting: [], verifying: [], active: [], operatorsOnline: 0 };
  const timeoutMs = options.timeoutMs ?? 5000;

  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as OperatorServerFrame;
    if (frame.t === 'ping') ws.send(JSON.stringify({ t: 'pong', n: frame.n }));
    if (frame.t === 'queue' || frame.t === 'welcome') queue = frame.queue;
    events.push(frame);
    for (const w of [...waiters])
      if (w.test(frame)) {
        waiters.delete(w);
        w.resolve(frame);
      }
  });

  const waitFor = (test: (f: OperatorServerFrame) => boolean, ms = timeoutMs, past = true): Promise<OperatorServerFrame> => {
    if (past) {
      const hit = events.find(test);
      if (hit) return Promise.resolve(hit);
    }
    return new Promise((resolve, reject) => {
      const w = { test, resolve: (f: OperatorServerFrame) => (clearTimeout(timer), resolve(f)) };
      const timer = setTimeout(() => {
        waiters.delete(w);
        reject(new Error(`operator ${name}: timed out after ${ms} ms`));
      }, ms);
      waiters.add(w);
    });
  };

  const request = async (frame: Record<string, unknown>): Promise<OperatorServerFrame & { t: 'ack' }> => {
    const id = `op${++counter}`;
    const reply = waitFor((f) => 'ref' in f && f.ref === id, timeoutMs, false);
    ws.send(JSON.stringify({ ...frame, id }));
    const f = await reply;
    if (f.t === 'nack') throw new OperatorRequestError(f.error.code, f.error.message);
    return f as OperatorServerFrame & { t: 'ack' };
  };

  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const welcomeP = waitFor((f) => f.t === 'welcome' || f.t === 'error' || (f.t === 'nack' && f.ref === 'hello'), timeoutMs, false);
  ws.send(
    JSON.stringify({
      t: 'hello',
      id: 'hello',
      name,
      ...(options.token ? { token: options.token } : {}),
      ...(options.role ? { role: options.role } : {}),
      ...(options.avatarUrl !== undefined ? { avatarUrl: options.avatarUrl } : {}),
    }),
  );
  const welcome = await welcomeP;
  if (welcome.t !== 'welcome')
    throw new OperatorRequestError(
      welcome.t === 'error' || welcome.t === 'nack' ? welcome.error.code : 'unknown',
      `operator hello refused: ${welcome.t === 'error' || welcome.t === 'nack' ? welcome.error.message : ''}`,
    );

  return {
    operator: welcome.operator,
    uploadToken: welcome.uploadToken,
    events,
    get queue() {
      return queue;
    },
    async waitForQueue(predicate, ms = timeoutMs) {
      if (predicate(queue)) return queue;
      const f = await waitFor((fr) => (fr.t === 'queue' || fr.t === 'welcome') && predicate(fr.queue), ms, false);
      return (f as { queue: QueueSnapshot }).queue;
    },
    waitFor: (p, ms) => waitFor(p, ms),
    view: async (conversationId) => (await request({ t: 'view', conversationId })).detail!,
    accept: async (conversationId) => (await request({ t: 'accept', conversationId })).detail!,
    async send(conversationId, text, attachments) {
      const ack = await request({ t: 'send', conversationId, text, ...(attachments ? { attachments } : {}) });
      return { id: ack.id!, seq: ack.seq! };
    },
    typing(conversationId, on) {
      ws.send(JSON.stringify({ t: 'typing', conversationId, on }));
    },
    async read(conversationId, upTo) {
      await request({ t: 'read', conversationId, ...(upTo !== undefined ? { upTo } : {}) });
    },
    async close(conversationId) {
      await request({ t: 'close', conversationId });
    },
    request: (frame) => request(frame),
    disconnect() {
      return new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close(1000);
      });
    },
  };
}
