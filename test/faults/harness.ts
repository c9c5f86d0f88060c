/**
 * Drives the real chat engine (`createChat`) with persistence over a real transport through the
 * fault server, and checks the delivery invariants of reliability guide §3.6 against the server's
 * own database: accepted exactly once, shown exactly once, in send order, converged to the server's
 * history, nothing left sending, nothing left running after `destroy()`.
 */
import { WebSocket } from 'ws';
import { createChat, type Chat } from '../../src/core/chat';
import type { ChatMessage } from '../../src/core/model';
import { createMemoryStore, createPersistence, type ChatPersistence } from '../../src/core/persistence';
import type { Transport } from '../../src/core/transport';
import { createHttpTransport } from '../../src/transports/http';
import { createWebSocketTransport, type WebSocketConstructor } from '../../src/transports/websocket';
import type { FaultServer } from './fault-server';
import type { TimerTracker } from './timer-tracker';

/** Which built-in transport a run uses. */
export type TransportKind = 'websocket' | 'http';

/** Server heartbeat for fault runs: a dead WebSocket is noticed after 2 × this. */
export const FAULT_HEARTBEAT_MS = 250;

/** A transport tuned for short fault schedules (small timeouts and backoff). */
export function makeTransport(kind: TransportKind, url: string): Transport {
  const reconnect = { minDelayMs: 20, maxDelayMs: 200 };
  if (kind === 'websocket') {
    return createWebSocketTransport({
      url,
      WebSocket: WebSocket as unknown as WebSocketConstructor,
      reconnect,
      ackTimeoutMs: 600,
      connectTimeoutMs: 1000,
    });
  }
  return createHttpTransport({
    baseUrl: url,
    fetch: globalThis.fetch,
    pollWaitSeconds: 1,
    requestTimeoutMs: 1000,
    retryLimit: 1,
    reconnect,
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns true or `timeoutMs` passes; returns whether it did. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await sleep(everyMs);
  }
}

const describeMessage = (m: ChatMessage) => `${m.from.role}:${m.id.slice(0, 14)}${m.seq !== undefined ? `#${m.seq}` : ''}(${m.status})`;

/** One user's chat across reloads: the same persistence store, a new engine and transport each time. */
export class ChatDriver {
  chat!: Chat;
  /** clientIds of every message the user sent, in send order. */
  readonly sent: string[] = [];
  /** Problems found when destroying (hygiene), reported with the other invariants. */
  readonly problems: string[] = [];
  private readonly persistence: ChatPersistence;
  private static count = 0;
  /** Async-context tag of this driver's SDK timers. */
  readonly tag = `driver-${++ChatDriver.count}`;

  constructor(
    readonly kind: TransportKind,
    readonly faults: FaultServer,
    readonly timers: TimerTracker,
  ) {
    this.persistence = createPersistence({ store: createMemoryStore(), namespace: 'faults' });
  }

  /** Creates the engine, paints the persisted state, and starts connecting (not awaited). */
  open(): Promise<void> {
    return this.timers.run(this.tag, () => this.openHere());
  }

  private async openHere(): Promise<void> {
    this.chat = createChat({ transport: makeTransport(this.kind, this.faults.url), locale: 'en', persistence: this.persistence });
    await this.chat.restore();
    void this.chat.start();
  }

  send(text: string): void {
    const m = this.timers.run(this.tag, () => this.chat.send(text));
    if (m?.clientId) this.sent.push(m.clientId);
  }

  /** A page reload: destroy (checking hygiene), then a new engine on the same storage. */
  async reload(): Promise<void> {
    await this.destroy();
    await this.open();
  }

  /** Destroys the engine and checks that no socket, hung request or SDK timer is left. */
  async destroy(): Promise<void> {
    await this.timers.run(this.tag, () => this.chat.destroy());
    const clean = await eventually(() => {
      const s = this.faults.stats;
      // Idle pooled connections belong to fetch's dispatcher, not to the SDK: only busy ones count.
      return s.liveLinks === 0 && s.busy === 0 && this.timers.pending(this.tag).length === 0;
      // Generous: a close handshake on a busy machine can take seconds; a real leak never ends.
    }, 10_000);
    if (!clean) {
      const s = this.faults.stats;
      const timers = this.timers.pending(this.tag).map((t) => t.stack.split('\n').slice(2, 6).join(' <- '));
      this.problems.push(
        `after destroy(): ${s.liveLinks} live WebSocket link(s), ${s.busy} busy exchange(s) [${s.socketNotes.join('; ')}], ${timers.length} SDK timer(s)${timers.length ? `:\n    ${timers.join('\n    ')}` : ''}`,
      );
    }
  }

  get conversationId(): string | undefined {
    return this.chat.transport.snapshot().conversationId;
  }

  /** Waits until the client is online, has nothing unsent and shows the server's history. */
  async settle(timeoutMs: number): Promise<boolean> {
    return eventually(async () => (await this.diff()) === null, timeoutMs, 40);
  }

  /** Why the client has not converged yet, or null when it has. */
  async diff(): Promise<string | null> {
    const s = this.chat.state;
    if (s.connection.peek() !== 'online') return `connection is ${s.connection.peek()}`;
    const list = s.messages.peek();
    const unsent = list.filter((m) => m.status === 'queued' || m.status === 'sending' || m.status === 'failed');
    if (unsent.length) return `unsent: ${unsent.map(describeMessage).join(', ')}`;
    const conversationId = this.conversationId;
    if (!conversationId) return 'no conversation';
    const server = await this.faults.readHistoryIds(conversationId);
    const client = list.map((m) => m.id);
    if (server.join() !== client.join()) {
      return `client ≠ server history\n  client: ${list.map(describeMessage).join(' ')}\n  server: ${server.map((id) => id.slice(0, 14)).join(' ')}`;
    }
    return null;
  }

  /** For a message left unsent: every frame or request the proxy saw for it, so a report tells a slow ack from a send that never left. */
  private trafficOfUnsent(): string[] {
    const unsent = this.chat.state.messages
      .peek()
      .filter((m) => m.clientId !== undefined && (m.status === 'queued' || m.status === 'sending' || m.status === 'failed'));
    const t0 = this.faults.ledger.frames[0]?.at ?? this.faults.ledger.http[0]?.at ?? 0;
    return unsent.map((m) => {
      const frames = this.faults.ledger.frames
        .filter((f) => f.clientId === m.clientId)
        .map((f) => `+${f.at - t0}ms link ${f.link} ${f.dir} ${f.t} ${f.fate}`);
      return `  traffic of ${m.clientId} (${m.status}): ${frames.length ? frames.join(', ') : 'no frame with its clientId (HTTP: see the ledger)'}`;
    });
  }

  /** Every invariant violation (empty when all hold). Call after `settle()`. */
  async violations(): Promise<string[]> {
    const out = [...this.problems];
    const notSettled = await this.diff();
    if (notSettled) out.push(`did not converge: ${notSettled}`, ...this.trafficOfUnsent());
    const list = this.chat.state.messages.peek();
    const accepted = (await this.faults.readAccepted()).filter((r) => this.sent.includes(r.clientId));
    for (const clientId of this.sent) {
      const stored = accepted.filter((r) => r.clientId === clientId).length;
      if (stored !== 1) out.push(`${clientId} accepted ${stored} times by the server`);
      const shown = list.filter((m) => m.clientId === clientId).length;
      if (shown !== 1) out.push(`${clientId} shown ${shown} times by the client`);
    }
    const clientOrder = list.filter((m) => m.clientId !== undefined && this.sent.includes(m.clientId)).map((m) => m.clientId);
    if (clientOrder.join() !== this.sent.join()) out.push(`client shows the user's messages out of send order`);
    const conversationId = this.conversationId;
    const serverOrder = accepted
      .filter((r) => r.conversationId === conversationId)
      .sort((a, b) => a.seq - b.seq)
      .map((r) => r.clientId);
    if (serverOrder.join() !== this.sent.join()) out.push(`server stored the user's messages out of send order (or elsewhere)`);
    const ids = list.map((m) => m.id);
    if (new Set(ids).size !== ids.length) out.push('duplicate ids in the client list');
    return out;
  }
}
