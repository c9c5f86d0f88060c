/**
 * One proxied WebSocket connection (client ⇄ proxy ⇄ reference server), frame-aware: every frame
 * goes through the active faults (blackhole, mute, skip, drop, duplicate, reorder, delay) and is
 * written to the ledger with its fate. Order is kept per direction unless reordering is on.
 */
import type { Socket } from 'node:net';
import type { RawData, WebSocket } from 'ws';
import type { Direction, FaultState, FrameRecord } from './fault-state';
import type { Prng } from './prng';
import { resetSocket } from './reset-socket';

/** What a link needs from its fault server. */
export interface LinkHost {
  state: FaultState;
  prng: Prng;
  record(entry: FrameRecord): void;
  closed(link: WsLink): void;
}

function parse(data: string): { t: string; seq?: number; clientId?: string } {
  try {
    const v = JSON.parse(data) as Record<string, unknown>;
    return {
      t: typeof v.t === 'string' ? v.t : '?',
      ...(typeof v.seq === 'number' ? { seq: v.seq } : {}),
      ...(typeof v.clientId === 'string' ? { clientId: v.clientId } : {}),
    };
  } catch {
    return { t: '?' };
  }
}

/** A client connection and its upstream twin. */
export class WsLink {
  /** Nothing passes either way (half-open); the client must notice by itself. */
  blackholed = false;
  /** The client's TCP stream was ended without a close frame. */
  halfClosed = false;
  private done = false;
  private readonly lastAt: Record<Direction, number> = { in: 0, out: 0 };
  private readonly held: Record<Direction, string[]> = { in: [], out: [] };
  private readonly flushTimers: Record<Direction, ReturnType<typeof setTimeout> | undefined> = { in: undefined, out: undefined };
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    readonly id: number,
    private readonly client: WebSocket,
    private readonly upstream: WebSocket,
    private readonly rawClient: Socket,
    private readonly host: LinkHost,
  ) {
    client.on('message', (data: RawData) => this.onFrame('in', String(data)));
    upstream.on('message', (data: RawData) => this.onFrame('out', String(data)));
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
    client.on('close', () => {
      if (upstream.readyState === upstream.OPEN || upstream.readyState === upstream.CONNECTING) upstream.close(1000, 'client left');
      this.finish();
    });
    upstream.on('close', (code: number, reason: Buffer) => {
      // A dead path (blackhole, half-close) keeps the client side as it is.
      if (this.blackholed || this.halfClosed) return;
      this.afterQueue('out', () => {
        if (client.readyState !== client.OPEN) return;
        if (code >= 3000 || code === 1000 || code === 1001 || code === 1011 || code === 1012 || code === 1013)
          client.close(code, reason.toString());
        else client.terminate();
      });
    });
  }

  /** Whether the client's socket is still open. */
  get live(): boolean {
    return !this.done;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const dir of ['in', 'out'] as const) {
      if (this.flushTimers[dir] !== undefined) clearTimeout(this.flushTimers[dir]);
      this.flushTimers[dir] = undefined;
    }
    this.host.closed(this);
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private onFrame(dir: Direction, data: string): void {
    const { state, prng } = this.host;
    const info = parse(data);
    const base = {
      link: this.id,
      dir,
      at: Date.now(),
      t: info.t,
      ...(info.seq !== undefined ? { seq: info.seq } : {}),
      ...(info.clientId !== undefined ? { clientId: info.clientId } : {}),
    };
    const note = (fate: FrameRecord['fate'], copies = 0) => this.host.record({ ...base, fate, copies });
    if (this.done) return note('closed');
    if (this.blackholed || this.halfClosed) return note('blackholed');
    if (dir === 'out' && state.muteOut) return note('muted');
    if (dir === 'out' && info.t === 'event' && info.seq !== undefined) {
      if (state.skipSeqs.has(info.seq)) return note('skipped');
      if (state.skipNextEvents > 0) {
        state.skipNextEvents--;
        state.skipSeqs.add(info.seq);
        return note('skipped');
      }
    }
    if (dir === 'out' && info.t === 'ack' && info.clientId !== undefined && state.dropAcks > 0) {
      state.dropAcks--;
      return note('dropped');
    }
    const f = state[dir];
    if (f.dropNext > 0) {
      f.dropNext--;
      return note('dropped');
    }
    if (prng.chance(f.dropP)) return note('dropped');
    const copies = prng.chance(f.duplicateP) ? 2 : 1;
    note('forwarded', copies);
    for (let i = 0; i < copies; i++) this.hold(dir, data);
  }

  private hold(dir: Direction, data: string): void {
    const window = this.host.state[dir].reorderWindow;
    if (window <= 1 && this.held[dir].length === 0) return this.schedule(dir, data);
    this.held[dir].push(data);
    if (this.held[dir].length >= Math.max(window, 1)) return this.flush(dir);
    if (this.flushTimers[dir] === undefined) this.flushTimers[dir] = setTimeout(() => this.flush(dir), 25);
  }

  private flush(dir: Direction): void {
    if (this.flushTimers[dir] !== undefined) clearTimeout(this.flushTimers[dir]);
    this.flushTimers[dir] = undefined;
    const frames = this.host.prng.shuffle(this.held[dir]);
    this.held[dir] = [];
    for (const data of frames) this.schedule(dir, data);
  }

  private schedule(dir: Direction, data: string): void {
    const range = this.host.state[dir].delay;
    const delay = range ? this.host.prng.int(range[0], range[1]) : 0;
    const now = Date.now();
    const at = Math.max(now + delay, this.lastAt[dir]);
    this.lastAt[dir] = at;
    const target = dir === 'in' ? this.upstream : this.client;
    const deliver = () => {
      if (this.done || this.blackholed || this.halfClosed || target.readyState !== target.OPEN) return;
      if (dir === 'out' && this.host.state.muteOut) return;
      target.send(data);
    };
    if (at <= now) deliver();
    else this.later(at - now, deliver);
  }

  /** Runs `fn` after every frame already queued in `dir` went out. */
  afterQueue(dir: Direction, fn: () => void): void {
    if (this.held[dir].length > 0) this.flush(dir);
    const at = Math.max(Date.now(), this.lastAt[dir]) + 1;
    this.later(at - Date.now(), fn);
  }

  /** Half-open: keep TCP up, pass nothing. The upstream side is dropped (the server would time it out). */
  blackhole(): void {
    this.blackholed = true;
    this.upstream.terminate();
  }

  /** Ends the client's TCP stream (FIN) without a WebSocket close frame. */
  halfClose(): void {
    this.halfClosed = true;
    this.upstream.terminate();
    this.rawClient.end();
  }

  /** Closes the client with `code` (a proper close frame) and the upstream normally. */
  closeWith(code: number, reason: string): void {
    if (this.client.readyState === this.client.OPEN) this.client.close(code, reason);
    this.upstream.close(1000, 'proxy closed the client');
  }

  /** Abrupt reset of both sides (the client sees 1006). */
  destroy(): void {
    // Not resetAndDestroy(): after a half-close it never emits close (see reset-socket.ts).
    resetSocket(this.rawClient);
    this.upstream.terminate();
    this.client.terminate();
  }
}
