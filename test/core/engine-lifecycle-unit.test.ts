import { describe, expect, it } from 'vitest';
import { engineOver } from './engine-helpers';
import { flush } from './chat-helpers';
import { createLifecycle } from '../../src/core/engine/lifecycle';
import { createMemoryStore, createPersistence, type ChatPersistence } from '../../src/core/persistence';

/** A persistence whose load the test resolves. */
function gated(): { persistence: ChatPersistence; release(): void } {
  const base = createPersistence({ store: createMemoryStore(), namespace: 'unit' });
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { release, persistence: { ...base, load: async () => (await gate, base.load()) } };
}

describe('engine: lifecycle', () => {
  it('without persistence: ready at once, calls run at once', async () => {
    const { engine } = engineOver();
    const lifecycle = createLifecycle(engine);
    const ran: number[] = [];
    lifecycle.whenRestored(() => ran.push(1));
    expect(ran).toEqual([1]);
    expect(engine.s.lifecycle.value).toBe('ready');
    await lifecycle.restored();
    lifecycle.goLive();
    expect(engine.s.lifecycle.value).toBe('live');
  });

  it('queued calls run after the restore in call order; calls they make run inline, not at the end', async () => {
    const { persistence, release } = gated();
    const { engine } = engineOver({}, { persistence });
    const lifecycle = createLifecycle(engine);
    expect(engine.s.lifecycle.value).toBe('restoring');
    expect(lifecycle.restoring()).toBe(true);
    const ran: string[] = [];
    lifecycle.whenRestored(() => {
      ran.push('a');
      lifecycle.whenRestored(() => ran.push('a, nested'));
    });
    lifecycle.whenRestored(() => ran.push('b'));
    await flush();
    expect(ran).toEqual([]);
    release();
    await lifecycle.restored();
    expect(ran).toEqual(['a', 'a, nested', 'b']);
    expect(engine.s.lifecycle.value).toBe('ready');
    expect(lifecycle.restoring()).toBe(false);
  });

  it('a queued call that throws is reported; the others still run', async () => {
    const { persistence, release } = gated();
    const { engine, errors } = engineOver({}, { persistence });
    const lifecycle = createLifecycle(engine);
    const ran: string[] = [];
    lifecycle.whenRestored(() => {
      throw new Error('bad call');
    });
    lifecycle.whenRestored(() => ran.push('after'));
    release();
    await lifecycle.restored();
    expect(ran).toEqual(['after']);
    expect(errors).toHaveLength(1);
  });

  it('takes the saved session and an owed resync from the restore', async () => {
    const store = createMemoryStore();
    const saved = createPersistence({ store, namespace: 'owed' });
    await saved.saveSession({ conversationId: 'c-9' }, true);
    const { engine } = engineOver({}, { persistence: createPersistence({ store, namespace: 'owed' }) });
    await createLifecycle(engine).restored();
    expect(engine.savedSession).toMatchObject({ conversationId: 'c-9' });
    expect(engine.resyncWanted).toBe(true);
  });
});
