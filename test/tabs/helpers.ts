/**
 * Test stand-ins for the tabs code: an in-process Web Locks manager (Node has none) and a
 * BroadcastChannel wrapper that counts open channels and can "freeze" a tab (a crashed or
 * suspended page: it neither sends nor receives, and never says goodbye).
 */
import type { ChannelConstructor, ChannelLike, LockManagerLike } from '../../src/tabs/leader';

/** A minimal exclusive LockManager: one holder per name, waiting requests granted in order. */
export function createLockManager(): LockManagerLike & { holder(name: string): boolean } {
  type Req = { cb: (lock: unknown) => Promise<void>; resolve(v: unknown): void; reject(e: unknown): void };
  const queues = new Map<string, Req[]>();
  const held = new Set<string>();
  const grant = (name: string) => {
    const q = queues.get(name);
    if (held.has(name) || !q?.length) return;
    const req = q.shift()!;
    held.add(name);
    Promise.resolve()
      .then(() => req.cb({ name, mode: 'exclusive' }))
      .then(req.resolve, req.reject)
      .finally(() => {
        held.delete(name);
        grant(name);
      });
  };
  return {
    holder: (name) => held.has(name),
    request(name, options, cb) {
      return new Promise((resolve, reject) => {
        const req: Req = { cb, resolve, reject };
        const q = queues.get(name) ?? [];
        queues.set(name, q);
        q.push(req);
        options.signal?.addEventListener('abort', () => {
          const at = q.indexOf(req);
          if (at === -1) return; // already granted: abort does nothing, as in browsers
          q.splice(at, 1);
          reject(new DOMException('aborted', 'AbortError'));
        });
        grant(name);
      });
    },
  };
}

/**
 * The BroadcastChannel of one "tab" (Node's real one underneath): counts its open channels, and
 * `freeze()` makes the tab silent and deaf, like a crashed or suspended page that never says goodbye.
 */
export function createTabChannels(): { Channel: ChannelConstructor; open(): number; freeze(): void } {
  const live = new Set<BroadcastChannel>();
  let frozen = false;
  class TestChannel implements ChannelLike {
    private readonly real: BroadcastChannel;
    onmessage: ((event: MessageEvent) => void) | null = null;
    constructor(name: string) {
      this.real = new BroadcastChannel(name);
      live.add(this.real);
      this.real.onmessage = (event) => {
        if (!frozen) this.onmessage?.(event as MessageEvent);
      };
    }
    postMessage(message: unknown) {
      if (!frozen) this.real.postMessage(message);
    }
    close() {
      live.delete(this.real);
      this.real.close();
    }
  }
  return {
    Channel: TestChannel,
    open: () => live.size,
    freeze() {
      frozen = true;
    },
  };
}

/** Lets BroadcastChannel messages (delivered on the real event loop) arrive. */
export async function settle(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((r) => setImmediate(r));
}

/** A unique channel/lock name per test. */
let n = 0;
export function uniqueName(prefix = 'test'): string {
  n += 1;
  return `${prefix}:${process.pid}:${n}:${Date.now()}`;
}
