/**
 * The returning visitor whose saved history holds the whole long conversation (as an older cache
 * that was never trimmed would): the widget saves its own history first (its format, its keys);
 * here the saved array of messages is found in the storage state by shape (objects with `seq` and
 * `parts`) and refilled with every message of the conversation, read over the protocol. Nothing of
 * the storage layout is assumed beyond "an array of messages", so it survives changes of it.
 * @module
 */
import type { RunningServer } from '../../../server/app';
import type { WireMessage } from '../../../src/protocol/frames';
import { Customer } from '../../../test/server/customer';
import type { StorageState } from './page';
import { signedUser } from './servers';

/** Every message of the user's current conversation, oldest first. */
export async function fullHistory(server: RunningServer, userId: string): Promise<WireMessage[]> {
  const { c, welcome } = await Customer.connect(server, { user: signedUser(server, userId) });
  const all: WireMessage[] = [];
  let before: number | undefined;
  try {
    for (;;) {
      const f = (await c.request(
        { t: 'history', conversationId: welcome.conversationId, limit: 100, ...(before ? { before } : {}) },
        30_000,
      )) as {
        t: string;
        messages?: WireMessage[];
        hasMore?: boolean;
        before?: number;
      };
      if (f.t !== 'history.page' || !f.messages) throw new Error(`history refused: ${JSON.stringify(f)}`);
      all.unshift(...f.messages);
      if (!f.hasMore || !f.messages.length) break;
      before = f.before ?? Math.min(...f.messages.map((m) => m.seq));
    }
  } finally {
    c.ws.close();
  }
  return all;
}

type Json = unknown;
const isMessage = (x: Json): x is { seq: number; parts: unknown[]; id: string } =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as { seq?: unknown }).seq === 'number' &&
  Array.isArray((x as { parts?: unknown }).parts);

/** Replaces every saved message array (≥ 2 messages) in `value` by `history` in the saved shape; returns how many arrays. */
function refill(value: Json, history: readonly WireMessage[], found: { arrays: number }): Json {
  if (Array.isArray(value)) {
    if (value.length >= 2 && value.every(isMessage)) {
      found.arrays++;
      const saved = new Map(value.map((m) => [m.id, m] as const));
      const template = value[value.length - 1] as Record<string, unknown>;
      const extra = Object.fromEntries(Object.entries(template).filter(([k]) => ['status'].includes(k)));
      const out = history.map((w) => saved.get(w.id) ?? { ...extra, ...w });
      const ascending = value[0]!.seq <= value[value.length - 1]!.seq;
      return ascending ? out : out.reverse();
    }
    return value.map((v) => refill(v, history, found));
  }
  if (typeof value === 'string' && value.length > 2 && (value[0] === '{' || value[0] === '[')) {
    try {
      const before = found.arrays;
      const next = refill(JSON.parse(value), history, found);
      return found.arrays > before ? JSON.stringify(next) : value;
    } catch {
      return value;
    }
  }
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, refill(v, history, found)]));
  return value;
}

/** `storage` with its saved history refilled with `history`; `arrays` is 0 when none was found. */
export function withHistory(storage: StorageState, history: readonly WireMessage[]): { storage: StorageState; arrays: number } {
  const found = { arrays: 0 };
  const next = refill(storage, history, found) as StorageState;
  return { storage: next, arrays: found.arrays };
}
