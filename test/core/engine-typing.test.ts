import { afterEach, describe, expect, it, vi } from 'vitest';
import { engineOver } from './engine-helpers';
import { createTyping } from '../../src/core/engine/typing';

afterEach(() => {
  vi.useRealTimers();
});

describe('engine: typing', () => {
  it('the indicator hides itself after 30 s without news', () => {
    vi.useFakeTimers();
    const { engine } = engineOver();
    const typing = createTyping(engine);
    typing.show({ id: 'anna', role: 'agent' });
    vi.advanceTimersByTime(29_000);
    expect(engine.s.typing.value?.id).toBe('anna');
    vi.advanceTimersByTime(2_000);
    expect(engine.s.typing.value).toBeNull();
  });

  it('clears only for the one typing', () => {
    const { engine } = engineOver();
    const typing = createTyping(engine);
    typing.show({ id: 'anna', role: 'agent' });
    typing.clearTypingOf('bot');
    expect(engine.s.typing.value?.id).toBe('anna');
    typing.clearTypingOf('anna');
    expect(engine.s.typing.value).toBeNull();
    typing.stop();
  });

  it('tells the transport the user types only while online', () => {
    const { engine, t } = engineOver();
    const calls: boolean[] = [];
    t.setTyping = (on) => calls.push(on);
    const typing = createTyping(engine);
    typing.setTyping(true);
    engine.s.connection.value = 'online';
    typing.setTyping(true);
    engine.destroyed = true;
    typing.setTyping(false);
    expect(calls).toEqual([true]);
  });
});
