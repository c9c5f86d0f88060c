/**
 * Shared setup of the chat engine tests. The backend is the memory transport (the emulator),
 * set up as a bare server: no bot, no echo of the user's own messages, no scripted handoff, sends
 * held until the test acks them. The names below are the ones the tests have always used.
 */
import { createChat, type Chat, type ChatEventMap, type ChatOptions } from '../../src/core/chat';
import type { Capabilities } from '../../src/core/model';
import {
  BASIC_CAPABILITIES,
  type ConnectContext,
  type HistoryPage,
  type IncomingMessage,
  type OutgoingMessage,
  type SendReceipt,
  type Transport,
} from '../../src/core/transport';
import { createMemoryTransport, type MemoryTransport } from '../../src/transports/memory';

/** One `send` call, as the test sees it. */
export interface PendingSend {
  message: OutgoingMessage;
  /** Rejects this send (it must still be held). */
  reject(error: unknown): void;
}

/** The emulator with views of its call log shaped for the engine tests. */
export interface FakeTransport extends MemoryTransport {
  /** Every `send` call, in order (retries too). */
  readonly sends: PendingSend[];
  readonly connects: ConnectContext[];
  readonly markReads: number[];
  readonly handoffRequests: unknown[];
  readonly verifications: [string, string][];
  readonly disconnects: number;
  /** Acks send `index` with seq `seq` and server id `s-<seq>`; returns the receipt. */
  ack(index: number, seq: number): SendReceipt;
  ack(clientId: string, overrides?: { seq?: number; id?: string }): SendReceipt;
  listeners(): number;
  /** Pages the next `fetchHistory` calls return, in order, before the emulator's own history. */
  history: HistoryPage[];
}

export interface FakeOptions {
  capabilities?: Partial<Capabilities>;
  /** Ack every send at once. */
  autoAck?: boolean;
  /** `null`: connect announces nothing beyond the emulator's own statuses (kept for old tests). */
  connectStatus?: 'online' | 'offline' | null;
  /** Makes the first `connect` reject with this. */
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

/** The emulator as a bare backend for engine tests. */
export function createFakeTransport(options: FakeOptions = {}): FakeTransport {
  const t = createMemoryTransport({
    bot: false,
    echo: false,
    handoff: false,
    replyDelayMs: 0,
    capabilities: { ...BASIC_CAPABILITIES, realtime: true, ...options.capabilities },
  });
  if (!options.autoAck) t.holdSends();
  if (options.connectError !== undefined) t.failNextConnect(options.connectError);
  const argsOf = (method: keyof Transport) => t.calls.filter((c) => c.method === method).map((c) => c.args);
  const ackById = t.ack;
  const connect = t.connect;
  const fetchHistory = t.fetchHistory;
  const history: HistoryPage[] = [];
  const views = {
    get sends(): PendingSend[] {
      return argsOf('send').map(([message]) => {
        const m = message as OutgoingMessage;
        return { message: m, reject: (error: unknown) => t.reject(m.clientId, error) };
      });
    },
    get connects() {
      return argsOf('connect').map(([ctx]) => ctx as ConnectContext);
    },
    get markReads() {
      return argsOf('markRead').map(([seq]) => seq as number);
    },
    get handoffRequests() {
      return argsOf('requestHandoff').map(([request]) => request);
    },
    get verifications() {
      return argsOf('submitVerification').map(([id, code]) => [id, code] as [string, string]);
    },
    get disconnects() {
      return argsOf('disconnect').length;
    },
  };
  const fake = Object.defineProperties(t, Object.getOwnPropertyDescriptors(views)) as FakeTransport;
  Object.assign(fake, {
    history,
    listeners: () => t.listenerCount,
    ack(target: number | string, seqOrOverrides?: number | { seq?: number; id?: string }) {
      if (typeof target === 'string') return ackById(target, seqOrOverrides as { seq?: number; id?: string });
      const seq = seqOrOverrides as number;
      return ackById(fake.sends[target]!.message.clientId, { seq, id: `s-${seq}` });
    },
    async connect(ctx: ConnectContext) {
      const session = await connect(ctx);
      if (options.connectStatus === 'offline') t.goOffline();
      return session;
    },
    fetchHistory: (query: { before?: string; limit?: number }) => {
      const page = history.shift();
      return page ? Promise.resolve(page) : fetchHistory(query);
    },
  });
  for (const key of options.without ?? []) delete (fake as unknown as Record<string, unknown>)[key];
  return fake;
}

/** Lets pending promise callbacks run. */
export const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** A started chat over the emulator. */
export async function startedChat(fake: FakeOptions = {}, options: Partial<ChatOptions> = {}): Promise<{ t: FakeTransport; chat: Chat }> {
  const t = createFakeTransport(fake);
  const chat = createChat({ transport: t, locale: 'en', ...options });
  await chat.start();
  await flush();
  return { t, chat };
}

/** Records every payload of `type`. */
export function record<K extends keyof ChatEventMap>(chat: Chat, type: K): ChatEventMap[K][] {
  const seen: ChatEventMap[K][] = [];
  chat.on(type, (payload) => seen.push(payload));
  return seen;
}

/** Text of every message in display order. */
export const texts = (chat: Chat): string[] =>
  chat.state.messages.value.map((m) => m.parts.map((p) => (p.kind === 'text' ? p.text : p.kind)).join(' '));
