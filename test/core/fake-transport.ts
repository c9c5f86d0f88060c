/**
 * A tiny scriptable Transport for core tests: sends wait until the test acks or rejects them
 * (or are acked at once with `autoAck`), and the test emits any event it wants.
 */
import type { Capabilities } from '../../src/core/model';
import {
  BASIC_CAPABILITIES,
  type ConnectContext,
  type HistoryPage,
  type IncomingMessage,
  type OutgoingMessage,
  type SendReceipt,
  type Transport,
  type TransportEvent,
} from '../../src/core/transport';

export interface PendingSend {
  message: OutgoingMessage;
  resolve(receipt: SendReceipt): void;
  reject(error: unknown): void;
}

export interface FakeTransport extends Transport {
  /** Every `send` call, in order (autoAck ones too). */
  readonly sends: PendingSend[];
  readonly connects: ConnectContext[];
  readonly markReads: number[];
  readonly handoffRequests: unknown[];
  readonly verifications: [string, string][];
  disconnects: number;
  /** Emits an event to the chat. */
  emit(event: TransportEvent): void;
  /** Acks send `index` with server id `s-<seq>`; returns the receipt. */
  ack(index: number, seq: number): SendReceipt;
  listeners(): number;
  /** Pages `fetchHistory` returns, in call order. */
  history: HistoryPage[];
}

export interface FakeOptions {
  capabilities?: Partial<Capabilities>;
  /** Ack every send at once with increasing seqs. */
  autoAck?: boolean;
  /** Status emitted by `connect`. @default 'online' */
  connectStatus?: 'online' | 'offline' | null;
  /** Makes `connect` reject with this. */
  connectError?: unknown;
  /** Leave out these optional methods. */
  without?: (keyof Transport)[];
}

/** An incoming bot message with `seq`. */
export const botMessage = (seq: number, text = `bot ${seq}`, role: 'bot' | 'agent' = 'bot'): IncomingMessage => ({
  id: `m-${seq}`,
  from: { id: role === 'bot' ? 'bot' : 'anna', role, ...(role === 'agent' ? { name: 'Anna' } : {}) },
  parts: [{ kind: 'text', text }],
  createdAt: new Date(1_700_000_000_000 + seq * 1000).toISOString(),
  seq,
});

export function createFakeTransport(options: FakeOptions = {}): FakeTransport {
  const listeners = new Set<(event: TransportEvent) => void>();
  let autoSeq = 100;
  const t: FakeTransport = {
    name: 'fake',
    capabilities: { ...BASIC_CAPABILITIES, realtime: true, ...options.capabilities },
    sends: [],
    connects: [],
    markReads: [],
    handoffRequests: [],
    verifications: [],
    disconnects: 0,
    history: [],
    async connect(ctx) {
      t.connects.push(ctx);
      if (options.connectError !== undefined) throw options.connectError;
      if (options.connectStatus !== null) t.emit({ type: 'status', status: options.connectStatus ?? 'online' });
      return { conversationId: 'conv-1', cursor: '0' };
    },
    async disconnect() {
      t.disconnects++;
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => ({ conversationId: 'conv-1' }),
    send(message) {
      return new Promise<SendReceipt>((resolve, reject) => {
        t.sends.push({ message, resolve, reject });
        if (options.autoAck) t.ack(t.sends.length - 1, ++autoSeq);
      });
    },
    async fetchHistory() {
      return t.history.shift() ?? { messages: [], hasMore: false };
    },
    async markRead(seq) {
      t.markReads.push(seq);
    },
    async requestHandoff(request) {
      t.handoffRequests.push(request);
    },
    async submitVerification(id, code) {
      t.verifications.push([id, code]);
      return code === '123456' ? 'ok' : 'invalid';
    },
    async closeConversation() {},
    async rate() {},
    setTyping() {},
    emit(event) {
      for (const listener of [...listeners]) listener(event);
    },
    ack(index, seq) {
      const pending = t.sends[index]!;
      const receipt: SendReceipt = { clientId: pending.message.clientId, id: `s-${seq}`, createdAt: new Date().toISOString(), seq };
      pending.resolve(receipt);
      return receipt;
    },
    listeners: () => listeners.size,
  };
  for (const key of options.without ?? []) delete (t as unknown as Record<string, unknown>)[key];
  return t;
}

/** Lets pending promise callbacks run. */
export const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};
