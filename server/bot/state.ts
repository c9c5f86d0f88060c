/**
 * The bot's per-conversation state: plain JSON, read defensively because the server
 * stores it and may hand back anything (an empty object for a new conversation).
 * @module
 */
import type { BotState } from './types';

/** What the engine remembers between turns. */
export interface EngineState {
  /** Misunderstandings in a row. */
  misses: number;
  /** Topic chosen so far. */
  topic?: string;
  /** Flow waiting for Confirm / Cancel. */
  pending?: string;
  /** A person was offered after misunderstandings; "yes" accepts. */
  offered?: boolean;
  /** An urgent case was recognised: later handoffs keep the priority. */
  urgent?: boolean;
}

/** Reads a stored state; unknown or broken fields fall back to defaults. */
export function readState(raw: BotState | null | undefined): EngineState {
  const state: EngineState = { misses: 0 };
  if (typeof raw !== 'object' || raw === null) return state;
  const misses = raw.misses;
  if (typeof misses === 'number' && Number.isInteger(misses) && misses >= 0) state.misses = Math.min(misses, 100);
  if (typeof raw.topic === 'string') state.topic = raw.topic;
  if (typeof raw.pending === 'string') state.pending = raw.pending;
  if (raw.offered === true) state.offered = true;
  if (raw.urgent === true) state.urgent = true;
  return state;
}

/** Writes the state as a plain JSON object without undefined fields. */
export function writeState(state: EngineState): BotState {
  const out: BotState = { v: 1, misses: state.misses };
  if (state.topic !== undefined) out.topic = state.topic;
  if (state.pending !== undefined) out.pending = state.pending;
  if (state.offered) out.offered = true;
  if (state.urgent) out.urgent = true;
  return out;
}
