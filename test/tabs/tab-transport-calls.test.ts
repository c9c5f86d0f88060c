// The follower's call RPC of the tab transport on its own: routing, replies, timeouts, aborts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isTransportError, TransportError } from '../../src/core/errors';
import type { Transport } from '../../src/core/transport';
import type { TabMessage } from '../../src/tabs/protocol';
import { createTabCalls } from '../../src/tabs/tab-calls';
import { createTabShared } from '../../src/tabs/tab-shared';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(callTimeoutMs = 1000) {
  const posted: TabMessage[] = [];
  const channel = { postMessage: (m: unknown) => void posted.push(m as TabMessage), close: () => undefined, onmessage: null };
  const inner = { name: 'memory' } as unknown as Transport;
  const s = createTabShared(inner, 'tab-b', false, channel as never, () => undefined);
  const calls = createTabCalls(s, callTimeoutMs);
  const lastCall = () => posted.filter((m): m is Extract<TabMessage, { t: 'call' }> => m.t === 'call').at(-1)!;
  return { s, calls, posted, lastCall };
}

const outcome = (p: Promise<unknown>) =>
  p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

describe('tab calls', () => {
  it('a hello goes to whoever leads; other calls to the known leader, whose reply settles them', async () => {
    const { s, calls, lastCall } = setup();
    const hello = calls.call('hello', [{ locale: 'en' }]);
    expect(lastCall()).toMatchObject({ method: 'hello', from: 'tab-b' });
    expect(lastCall().to).toBeUndefined();
    calls.reply({ t: 'reply', id: lastCall().id, from: 'tab-a', to: 'tab-b', ok: true, value: 'state' });
    expect(await hello).toBe('state');
    expect(s.leaderId).toBe('tab-a');
    const send = calls.call('send', [{ clientId: 'k' }]);
    expect(lastCall()).toMatchObject({ method: 'send', to: 'tab-a' });
    calls.reply({ t: 'reply', id: lastCall().id, from: 'tab-a', to: 'tab-c', ok: true, value: 'not for us' });
    calls.reply({
      t: 'reply',
      id: lastCall().id,
      from: 'tab-a',
      to: 'tab-b',
      ok: false,
      error: { code: 'rate_limited', message: 'slow', retryable: true },
    });
    const result = await outcome(send);
    expect(isTransportError((result as { error: unknown }).error) && (result as { error: { code: string } }).error.code).toBe(
      'rate_limited',
    );
  });

  it('a call nobody answers rejects with a retryable network error after the timeout', async () => {
    const { calls } = setup(1000);
    const pending = outcome(calls.call('markRead', [3]));
    await vi.advanceTimersByTimeAsync(1000);
    const { error } = (await pending) as { error: unknown };
    expect(isTransportError(error) && error.code === 'network' && error.retryable).toBe(true);
  });

  it('an aborted upload tells the leader and rejects; progress reaches the caller', async () => {
    const { calls, posted, lastCall } = setup();
    const abort = new AbortController();
    const progress: number[] = [];
    const upload = outcome(
      calls.call('upload', [new Blob(['x'])], { timeoutMs: 0, signal: abort.signal, onProgress: (p) => progress.push(p.loaded) }),
    );
    const id = lastCall().id;
    calls.progress({ t: 'progress', id, to: 'tab-b', loaded: 1, total: 2 });
    abort.abort();
    const { error } = (await upload) as { error: unknown };
    expect(isTransportError(error) && error.code).toBe('closed');
    expect(progress).toEqual([1]);
    expect(posted.at(-1)).toEqual({ t: 'abort', id, from: 'tab-b' });
  });

  it('rejectAll settles every call at once (the leader went away) and a closed tab calls no one', async () => {
    const { s, calls, posted } = setup();
    const a = outcome(calls.call('send', [{}]));
    const b = outcome(calls.call('rate', [5]));
    calls.rejectAll(new TransportError('memory', 'network', 'gone', { retryable: true }));
    expect(((await a) as { error: { code: string } }).error.code).toBe('network');
    expect(((await b) as { error: { code: string } }).error.code).toBe('network');
    s.closed = true;
    const count = posted.length;
    const c = (await outcome(calls.call('send', [{}]))) as { error: { code: string } };
    expect(c.error.code).toBe('closed');
    expect(posted).toHaveLength(count);
  });
});
