/** Shared helpers of the memory transport tests. */
import type { ConnectContext, IncomingMessage, TransportEvent } from '../../src/core/transport';
import { createMemoryTransport, type MemoryTransport, type MemoryTransportOptions } from '../../src/transports/memory';

/** Lets every pending microtask run (real timers only). */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export const ctx = (over: Partial<ConnectContext> = {}): ConnectContext => ({ user: {}, locale: 'en', ...over });

/** A connected transport with instant replies, and the list of every event it emitted. */
export async function connected(
  options: MemoryTransportOptions = {},
  context: Partial<ConnectContext> = {},
): Promise<{ t: MemoryTransport; events: TransportEvent[] }> {
  const t = createMemoryTransport({ replyDelayMs: 0, queueStepMs: 0, random: () => 0, ...options });
  const events: TransportEvent[] = [];
  t.on((e) => events.push(e));
  await t.connect(ctx(context));
  await settle();
  return { t, events };
}

/** Messages among `events`. */
export const messages = (events: TransportEvent[]): IncomingMessage[] => events.flatMap((e) => (e.type === 'message' ? [e.message] : []));

/** Text of a message's text parts. */
export const textOf = (m: IncomingMessage | undefined): string => (m?.parts ?? []).map((p) => (p.kind === 'text' ? p.text : '')).join(' ');

/** The last message among `events`. */
export const last = (events: TransportEvent[]): IncomingMessage | undefined => messages(events).at(-1);

/** Event types in order, e.g. ['status', 'message']. */
export const types = (events: TransportEvent[]): string[] => events.map((e) => e.type);
