/**
 * Durable system lines: a backend that records "Anna joined the chat", "… left", "Conversation
 * closed" sends them as `system` messages with a `custom` part `swp.note` (`{ kind, name? }`), so
 * they are part of the history (persisted, paged, replayed). The widget words them in its own
 * language, and drops its own live note of the same line, which it records only for backends
 * that keep no such lines.
 * @module
 */
import type { ChatMessage } from '../../core/model';
import type { TimelineNote } from '../shared/timeline';

/** `custom` part type of a durable system line. */
export const NOTE_PART_TYPE = 'swp.note';

/** The line a system message stands for, or null when it is another system message. */
export function noteOf(m: ChatMessage): Pick<TimelineNote, 'kind' | 'name'> | null {
  if (m.from.role !== 'system') return null;
  for (const p of m.parts) {
    if (p.kind !== 'custom' || p.type !== NOTE_PART_TYPE || typeof p.data !== 'object' || p.data === null) continue;
    const { kind, name } = p.data as Record<string, unknown>;
    if (kind !== 'joined' && kind !== 'left' && kind !== 'closed') return null;
    return { kind, ...(typeof name === 'string' && name ? { name: name.slice(0, 200) } : {}) };
  }
  return null;
}

/** The live notes that no durable line of the same kind and name already says. */
export function withoutRecorded(messages: readonly ChatMessage[], notes: readonly TimelineNote[]): readonly TimelineNote[] {
  if (notes.length === 0) return notes;
  const said = new Set<string>();
  for (const m of messages) {
    const n = noteOf(m);
    if (n) said.add(`${n.kind}:${n.name ?? ''}`);
  }
  return said.size === 0 ? notes : notes.filter((n) => !said.has(`${n.kind}:${n.kind === 'closed' ? '' : (n.name ?? '')}`));
}
