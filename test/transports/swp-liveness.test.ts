// The connection/liveness state machine on its own, with fake timers: no socket, no wall clock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CloseCode } from '../../src/transports/swp/frames';
import { createLiveness, type LivenessOptions } from '../../src/transports/swp/liveness';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function machine(opts: Partial<LivenessOptions> = {}) {
  const drops: string[] = [];
  const pings: number[] = [];
  const live = createLiveness(
    { connectTimeoutMs: 1000, heartbeat: {}, backoff: { minDelayMs: 100, maxDelayMs: 1000, factor: 2 }, random: () => 1, ...opts },
    { drop: (reason) => drops.push(reason), ping: (n) => pings.push(n) },
  );
  let dials = 0;
  const dial = (isCurrent = () => true) => live.dial(isCurrent, () => dials++);
  return { live, drops, pings, dial, dials: () => dials };
}

/** Brings a machine to `online` with the server's heartbeat `hb`. */
function online(m: ReturnType<typeof machine>, hb = 250) {
  m.live.start();
  m.dial();
  expect(m.live.opened()).toBe(true);
  m.live.welcomed(hb);
}

describe('liveness machine', () => {
  it('walks idle → connecting → handshake → online, dialling the first time at once', () => {
    const m = machine();
    expect(m.live.phase).toBe('idle');
    expect(m.live.opened()).toBe(false); // a socket opening for no connection is not wanted
    m.live.start();
    expect(m.live.phase).toBe('connecting');
    m.dial();
    expect(m.dials()).toBe(1);
    m.live.opened();
    expect(m.live.phase).toBe('handshake');
    expect(m.live.armed).toContain('hello');
    m.live.welcomed(250);
    expect(m.live.phase).toBe('online');
    expect(m.live.armed).not.toContain('hello');
  });

  it('drops the socket when no welcome comes within connectTimeoutMs', () => {
    const m = machine();
    m.live.start();
    m.dial();
    m.live.opened();
    vi.advanceTimersByTime(999);
    expect(m.drops).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(m.drops).toEqual(['no welcome in time']);
  });

  it('counts a silence of twice the heartbeat as a dead link; any frame resets the count', () => {
    const m = machine();
    online(m, 250);
    vi.advanceTimersByTime(400);
    m.live.heard();
    vi.advanceTimersByTime(400);
    expect(m.drops).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(m.drops).toEqual(['heartbeat timeout']);
  });

  it('honours deadAfterMs, and heartbeat: false turns the silence timer off', () => {
    const a = machine({ heartbeat: { deadAfterMs: 50 } });
    online(a, 10_000);
    vi.advanceTimersByTime(50);
    expect(a.drops).toEqual(['heartbeat timeout']);
    const b = machine({ heartbeat: false });
    online(b, 10);
    expect(b.live.armed).toEqual([]);
    vi.advanceTimersByTime(60_000);
    expect(b.drops).toEqual([]);
  });

  it('waits the growing backoff after each close before dialling again', () => {
    const m = machine();
    online(m);
    expect(m.live.closed(1006)).toBe(100);
    expect(m.live.phase).toBe('waiting');
    m.dial();
    vi.advanceTimersByTime(99);
    expect(m.dials()).toBe(1);
    vi.advanceTimersByTime(1);
    expect(m.dials()).toBe(2);
    expect(m.live.phase).toBe('connecting');
    expect(m.live.closed(1006)).toBe(200); // no welcome in between: the attempt count grows
    m.live.opened();
    m.live.welcomed(250);
    expect(m.live.closed(1006)).toBe(100); // a welcome resets it
  });

  it('uses the server-given delay for goaway, Retry-After for 4429, a longer pause for 1013', () => {
    const m = machine();
    online(m);
    m.live.reconnect('goaway: restart', 1500);
    expect(m.drops).toEqual(['goaway: restart']);
    expect(m.live.closed(1001)).toBe(1500);
    expect(m.live.closed(CloseCode.RATE_LIMITED, 5000)).toBe(5000);
    expect(m.live.closed(CloseCode.TRY_LATER)).toBeGreaterThanOrEqual(800);
  });

  it('checkAlive pings when online and reconnects at once when nothing answers', () => {
    const m = machine({ heartbeat: { checkTimeoutMs: 300 } });
    online(m, 60_000);
    m.live.checkAlive();
    m.live.checkAlive(); // one probe at a time
    expect(m.pings).toEqual([1]);
    vi.advanceTimersByTime(300);
    expect(m.drops).toEqual(['no answer to ping']);
    expect(m.live.closed(1006)).toBe(0);
  });

  it('checkAlive after an answer to the ping does not reconnect', () => {
    const m = machine({ heartbeat: { checkTimeoutMs: 300 } });
    online(m, 60_000);
    m.live.checkAlive();
    vi.advanceTimersByTime(100);
    m.live.heard();
    vi.advanceTimersByTime(1000);
    expect(m.drops).toEqual([]);
  });

  it('checkAlive while waiting skips the rest of the backoff', () => {
    const m = machine({ backoff: { minDelayMs: 10_000, maxDelayMs: 10_000 } });
    online(m);
    m.live.closed(1006);
    m.dial();
    expect(m.dials()).toBe(1);
    m.live.checkAlive();
    expect(m.dials()).toBe(2);
    expect(m.live.armed).toEqual([]);
  });

  it('stop() leaves no timer and lets no pending dial through: nothing can open after disconnect', () => {
    const m = machine();
    online(m);
    m.live.checkAlive();
    m.live.closed(1006);
    m.dial();
    m.live.stop();
    expect(m.live.phase).toBe('idle');
    expect(m.live.armed).toEqual([]);
    vi.advanceTimersByTime(60_000);
    expect(m.dials()).toBe(1);
    m.dial();
    m.live.checkAlive();
    m.live.reconnect('late goaway');
    expect(m.dials()).toBe(1);
    expect(m.drops).toEqual([]);
    expect(m.live.closed(1006)).toBeUndefined();
  });

  it('a stale provider (another connect() since) never dials', () => {
    const m = machine({ backoff: { minDelayMs: 100, maxDelayMs: 100 } });
    online(m);
    m.live.closed(1006);
    let current = true;
    m.dial(() => current);
    current = false;
    vi.advanceTimersByTime(200);
    expect(m.dials()).toBe(1);
  });

  it('fail() is final until the next start()', () => {
    const m = machine();
    online(m);
    m.live.fail();
    expect(m.live.phase).toBe('failed');
    expect(m.live.active).toBe(false);
    expect(m.live.armed).toEqual([]);
    m.live.start();
    expect(m.live.phase).toBe('connecting');
  });
});
