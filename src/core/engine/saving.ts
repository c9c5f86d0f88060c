/**
 * Saving: history, outbox and session written through the persistence (debounced in bursts, at
 * once when the user sends), the draft, and adopting the unsent messages other tabs saved.
 * @module
 */
import { storableDraft } from '../draft-guard';
import { batch } from '@preact/signals-core';
import { findMessage, upsertMessage } from '../message-list';
import type { ChatMessage } from '../model';
import type { ChatPersistence } from '../persistence';
import type { Engine } from './context';

/** Debounce of history writes: at most a few writes per second during bursts. */
const SAVE_DELAY_MS = 400;
/** Pause in typing before the draft is saved. */
const DRAFT_DELAY_MS = 300;

/** @internal */
export interface Saving {
  /** Writes messages and session now (after the write in flight); adopts what other tabs left. */
  saveNow(): Promise<void>;
  /** Writes after the debounce. */
  scheduleSave(): void;
  /** Adds unsent messages other tabs saved, unless known or deleted here; flushes the outbox. */
  adopt(foreign: readonly ChatMessage[]): void;
  /** Loads `persistence.loadUnsent` and adopts it. */
  adoptUnsent(): Promise<void>;
  setDraft(text: string): void;
  flush(): Promise<void>;
  /** A draft is waiting for its debounce. */
  draftPending(): boolean;
  /** Writes the draft now. */
  saveDraftNow(): Promise<void>;
  /** Cancels the debounced write; returns whether one was due (destroy then writes it itself). */
  cancelPending(): boolean;
  /** One last write of messages and session, errors ignored (destroy). */
  writeLast(): Promise<void>;
}

/** Deps of {@link createSaving}. @internal */
export interface SavingDeps {
  flushOutbox(): void;
}

/** @internal */
export function createSaving(engine: Engine, deps: SavingDeps): Saving {
  const { s, persistence } = engine;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let draftTimer: ReturnType<typeof setTimeout> | undefined;
  /** Writes messages and session as they are when the write starts (after the previous one). */
  const writeState = (p: ChatPersistence) =>
    Promise.all([p.saveMessages(s.messages.peek(), engine.forgotten), p.saveSession(engine.transport.snapshot(), engine.resyncWanted)]);
  const adopt = (foreign: readonly ChatMessage[]) => {
    if (engine.destroyed || foreign.length === 0) return;
    let added = false;
    batch(() => {
      for (const m of foreign) {
        if (m.clientId === undefined || engine.forgotten.has(m.clientId) || findMessage(s.messages.peek(), { clientId: m.clientId }) !== -1)
          continue;
        s.messages.value = upsertMessage(s.messages.peek(), m).list;
        added = true;
      }
    });
    if (added) deps.flushOutbox();
  };
  const saveNow = (): Promise<void> => {
    if (!persistence) return engine.lastSave;
    if (saveTimer !== undefined) clearTimeout(saveTimer);
    saveTimer = undefined;
    engine.lastSave = engine.lastSave.then(() => writeState(persistence)).then(([foreign]) => adopt(foreign), engine.reportError);
    return engine.lastSave;
  };
  const saveDraftNow = (): Promise<void> => {
    if (draftTimer !== undefined) clearTimeout(draftTimer);
    draftTimer = undefined;
    if (!persistence) return Promise.resolve();
    return persistence.saveDraft(storableDraft(s.draft.peek())).catch(engine.reportError);
  };
  return {
    saveNow,
    adopt,
    scheduleSave() {
      // Not while restoring: a write of the half-restored list would read as this tab's outbox.
      if (!persistence || engine.destroyed || saveTimer !== undefined || s.lifecycle.peek() === 'restoring') return;
      saveTimer = setTimeout(() => void saveNow(), SAVE_DELAY_MS);
    },
    async adoptUnsent() {
      if (engine.destroyed || !persistence?.loadUnsent) return;
      try {
        adopt(await persistence.loadUnsent());
      } catch (error) {
        if (!engine.destroyed) engine.reportError(error);
      }
      // Also when nothing was new: a message left queued here goes out as soon as it can.
      if (!engine.destroyed) deps.flushOutbox();
    },
    setDraft(text) {
      if (engine.destroyed || s.draft.peek() === text) return;
      s.draft.value = text;
      if (!persistence) return;
      if (draftTimer !== undefined) clearTimeout(draftTimer);
      // A sent message clears its draft at once; typing is saved after a short pause.
      if (!text) void saveDraftNow();
      else draftTimer = setTimeout(() => void saveDraftNow(), DRAFT_DELAY_MS);
    },
    async flush() {
      if (engine.destroyed) return;
      await Promise.all([saveNow(), saveDraftNow()]);
    },
    draftPending: () => draftTimer !== undefined,
    saveDraftNow,
    cancelPending() {
      const pending = saveTimer !== undefined;
      if (saveTimer !== undefined) clearTimeout(saveTimer);
      saveTimer = undefined;
      return pending;
    },
    writeLast: () =>
      persistence
        ? writeState(persistence).then(
            () => undefined,
            () => undefined,
          )
        : Promise.resolve(),
  };
}
