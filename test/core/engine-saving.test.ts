import { afterEach, describe, expect, it, vi } from 'vitest';
import { engineOver, own } from './engine-helpers';
import { flush } from './chat-helpers';
import { createSaving } from '../../src/core/engine/saving';
import type { ChatMessage } from '../../src/core/model';
import { createMemoryStore, createPersistence, type ChatPersistence } from '../../src/core/persistence';

afterEach(() => {
  vi.useRealTimers();
});

/** A persistence that records what is written; `foreign` is what saveMessages reports back. */
function recording() {
  const writes: string[][] = [];
  const drafts: string[] = [];
  let foreign: ChatMessage[] = [];
  const persistence: ChatPersistence = {
    ...createPersistence({ store: createMemoryStore(), namespace: 'saving' }),
    saveMessages: async (messages) => {
      writes.push(messages.map((m) => m.clientId ?? m.id));
      const out = foreign;
      foreign = [];
      return out;
    },
    saveDraft: async (text) => {
      drafts.push(text);
    },
  };
  return { persistence, writes, drafts, offer: (m: ChatMessage[]) => (foreign = m) };
}

const setup = () => {
  const rec = recording();
  const { engine, errors } = engineOver({}, { persistence: rec.persistence });
  const flushOutbox = vi.fn();
  const saving = createSaving(engine, { flushOutbox });
  return { ...rec, engine, errors, saving, flushOutbox };
};

describe('engine: saving', () => {
  it('debounces bursts into one write', () => {
    vi.useFakeTimers();
    const { engine, saving, writes } = setup();
    for (const id of ['a', 'b', 'c']) {
      engine.s.messages.value = [...engine.s.messages.peek(), own(id)];
      saving.scheduleSave();
    }
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(450);
    return vi.waitFor(() => expect(writes).toEqual([['a', 'b', 'c']]));
  });

  it("does not write while the restore runs (a half-restored list is not this tab's outbox)", async () => {
    vi.useFakeTimers();
    const { engine, saving, writes } = setup();
    engine.s.lifecycle.value = 'restoring';
    saving.scheduleSave();
    vi.advanceTimersByTime(1000);
    await flush();
    expect(writes).toEqual([]);
  });

  it('saveNow starts after the write in flight, with the list as it is then', async () => {
    const { engine, saving, persistence, writes } = setup();
    const record = persistence.saveMessages;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inFlight = 0;
    persistence.saveMessages = async (messages, forgotten) => {
      inFlight++;
      if (writes.length === 0) await gate; // the first write is slow
      expect(inFlight).toBe(1); // never two at once
      const out = await record(messages, forgotten);
      inFlight--;
      return out;
    };
    engine.s.messages.value = [own('a')];
    const first = saving.saveNow();
    await flush();
    engine.s.messages.value = [own('a'), own('b')];
    const second = saving.saveNow();
    engine.s.messages.value = [own('a'), own('b'), own('c')];
    release();
    await Promise.all([first, second]);
    expect(writes).toEqual([['a'], ['a', 'b', 'c']]);
  });

  it('adopts what other tabs left, unless known or deleted here, and flushes the outbox', async () => {
    const { engine, saving, offer, flushOutbox } = setup();
    engine.s.messages.value = [own('mine')];
    engine.forgotten.add('gone');
    offer([own('mine', 'stale'), own('gone'), own('other')]);
    await saving.saveNow();
    expect(engine.s.messages.value.map((m) => m.clientId)).toEqual(['mine', 'other']);
    expect(flushOutbox).toHaveBeenCalledTimes(1);
    saving.adopt([own('mine')]);
    expect(flushOutbox).toHaveBeenCalledTimes(1);
  });

  it('a failed write is reported and the next one still runs', async () => {
    const { engine, saving, persistence, errors, writes } = setup();
    const ok = persistence.saveMessages;
    persistence.saveMessages = () => Promise.reject(new Error('quota'));
    await saving.saveNow();
    persistence.saveMessages = ok;
    engine.s.messages.value = [own('a')];
    await saving.saveNow();
    expect(errors).toHaveLength(1);
    expect(writes).toEqual([['a']]);
  });

  it('the draft is saved after a pause in typing, and at once when cleared', () => {
    vi.useFakeTimers();
    const { saving, drafts, engine } = setup();
    saving.setDraft('h');
    saving.setDraft('he');
    vi.advanceTimersByTime(100);
    expect(drafts).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(drafts).toEqual(['he']);
    saving.setDraft('');
    expect(drafts).toEqual(['he', '']);
    expect(engine.s.draft.value).toBe('');
  });

  it('for destroy: a due debounced write is cancelled and reported, then written once; a waiting draft is known', async () => {
    vi.useFakeTimers();
    const { engine, saving, writes, drafts } = setup();
    engine.s.messages.value = [own('a')];
    saving.scheduleSave();
    saving.setDraft('unsaved');
    expect(saving.draftPending()).toBe(true);
    await saving.saveDraftNow();
    expect(saving.draftPending()).toBe(false);
    expect(saving.cancelPending()).toBe(true);
    expect(saving.cancelPending()).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(writes).toEqual([]); // cancelled
    await saving.writeLast();
    expect(writes).toEqual([['a']]);
    expect(drafts).toEqual(['unsaved']);
  });

  it('adoptUnsent loads the hook and reports its failure', async () => {
    const { saving, persistence, engine, errors } = setup();
    await saving.adoptUnsent(); // no hook: nothing
    persistence.loadUnsent = async () => [own('x')];
    await saving.adoptUnsent();
    expect(engine.s.messages.value.map((m) => m.clientId)).toEqual(['x']);
    persistence.loadUnsent = () => Promise.reject(new Error('locked'));
    await saving.adoptUnsent();
    expect(errors).toHaveLength(1);
  });
});
