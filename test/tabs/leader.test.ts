import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLeaderElection, type LeaderElection } from '../../src/tabs/leader';
import { createLockManager, createTabChannels, settle, uniqueName } from './helpers';

const elections: LeaderElection[] = [];
afterEach(() => {
  for (const e of elections.splice(0)) e.destroy();
  vi.useRealTimers();
});

/** Advances fake time in small steps, letting channel messages through between steps. */
async function advance(ms: number, step = 100): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    vi.advanceTimersByTime(Math.min(step, ms - t));
    await settle();
  }
}

const leaders = (tabs: LeaderElection[]) => tabs.filter((t) => t.isLeader);

describe('heartbeat fallback (BroadcastChannel, no Web Locks)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  });

  function tab(name: string) {
    const channels = createTabChannels();
    const election = createLeaderElection(name, { locks: null, BroadcastChannel: channels.Channel, window: null });
    elections.push(election);
    return { election, channels };
  }

  it('elects exactly one leader among three tabs and keeps it', async () => {
    const name = uniqueName('hb');
    const a = tab(name);
    expect(a.election.mode).toBe('heartbeat');
    await advance(300);
    expect(a.election.isLeader).toBe(true);
    const b = tab(name);
    const c = tab(name);
    await advance(5000);
    expect(leaders([a.election, b.election, c.election])).toEqual([a.election]);
  });

  it('two tabs starting at once settle on one leader', async () => {
    const name = uniqueName('hb');
    const tabs = [tab(name), tab(name)].map((t) => t.election);
    await advance(3000);
    expect(leaders(tabs)).toHaveLength(1);
    await advance(5000);
    expect(leaders(tabs)).toHaveLength(1);
  });

  it('hands over at once when the leader says goodbye, and within 5 s when it just goes silent', async () => {
    const name = uniqueName('hb');
    const a = tab(name);
    await advance(300);
    const b = tab(name);
    const c = tab(name);
    await advance(1500);
    expect(a.election.isLeader).toBe(true);
    const changes: boolean[] = [];
    b.election.onChange((l) => changes.push(l));
    a.election.destroy(); // says goodbye
    await advance(500);
    expect(leaders([b.election, c.election])).toHaveLength(1);
    const next = b.election.isLeader ? b : c;
    const other = next === b ? c : b;
    // Now the new leader freezes (crashed page): no goodbye, no heartbeat.
    next.channels.freeze();
    await advance(2000);
    expect(other.election.isLeader).toBe(false);
    await advance(3000);
    expect(other.election.isLeader).toBe(true);
    if (next === b) expect(changes).toEqual([true]);
  });

  it('destroy() leaves no timers and no open channels', async () => {
    const name = uniqueName('hb');
    const a = tab(name);
    const b = tab(name);
    await advance(2000);
    a.election.destroy();
    b.election.destroy();
    expect(vi.getTimerCount()).toBe(0);
    expect(a.channels.open() + b.channels.open()).toBe(0);
    expect(a.election.isLeader || b.election.isLeader).toBe(false);
  });

  it('a leader going into the back/forward cache hands over, and rejoins as a follower', async () => {
    const name = uniqueName('hb');
    const win = new EventTarget() as unknown as Window;
    const channels = createTabChannels();
    const a = createLeaderElection(name, { locks: null, BroadcastChannel: channels.Channel, window: win });
    elections.push(a);
    await advance(300);
    const b = tab(name);
    await advance(1000);
    expect(a.isLeader).toBe(true);
    win.dispatchEvent(new Event('pagehide'));
    await advance(500);
    expect(a.isLeader).toBe(false);
    expect(b.election.isLeader).toBe(true);
    const shown = Object.assign(new Event('pageshow'), { persisted: true });
    win.dispatchEvent(shown);
    await advance(5000);
    expect(a.isLeader).toBe(false);
    expect(b.election.isLeader).toBe(true);
  });
});

describe('Web Locks', () => {
  it('the lock holder leads; a waiting tab takes over the moment it is released', async () => {
    const locks = createLockManager();
    const name = uniqueName('lock');
    const a = createLeaderElection(name, { locks });
    const b = createLeaderElection(name, { locks });
    elections.push(a, b);
    expect(a.mode).toBe('locks');
    await settle();
    expect(a.isLeader).toBe(true);
    expect(b.isLeader).toBe(false);
    const took = new Promise<number>((resolve) => {
      const started = Date.now();
      b.onChange((leader) => leader && resolve(Date.now() - started));
    });
    a.destroy();
    expect(await took).toBeLessThan(100);
    expect(a.isLeader).toBe(false);
    b.destroy();
    await settle();
    expect(locks.holder(name)).toBe(false);
  });

  it('a tab destroyed while still waiting never becomes leader', async () => {
    const locks = createLockManager();
    const name = uniqueName('lock');
    const a = createLeaderElection(name, { locks });
    const b = createLeaderElection(name, { locks });
    const c = createLeaderElection(name, { locks });
    elections.push(a, b, c);
    await settle();
    b.destroy();
    a.destroy();
    await settle();
    expect(b.isLeader).toBe(false);
    expect(c.isLeader).toBe(true);
  });
});

describe('no Web Locks and no BroadcastChannel', () => {
  it('every tab is its own leader', () => {
    const e = createLeaderElection(uniqueName(), { locks: null, BroadcastChannel: null });
    elections.push(e);
    expect(e.mode).toBe('solo');
    expect(e.isLeader).toBe(true);
  });
});
