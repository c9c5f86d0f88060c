/**
 * What the framework wrappers (`support-chat/react`, `support-chat/vue`) hand to `update()` when
 * the options a component renders with change: only the changed keys `update()` accepts, so an
 * unchanged render never remounts the UI. Engine options (transport, id, user, storage...) are
 * read once, at mount.
 * @module
 */
import type { SupportChatOptions } from './options';
import { UPDATABLE, type SupportChatUpdate } from './widget-ui';

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Objects such as `offset` or `strings`, written inline in a template, are new on every render.
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/** The updatable options that differ between two renders, or null when none does. @internal */
export function lookChanges(previous: Partial<SupportChatOptions>, next: Partial<SupportChatOptions>): SupportChatUpdate | null {
  const patch: Record<string, unknown> = {};
  let changed = false;
  for (const key of UPDATABLE) {
    const a = (previous as Record<string, unknown>)[key];
    const b = (next as Record<string, unknown>)[key];
    if (same(a, b)) continue;
    patch[key] = b;
    changed = true;
  }
  return changed ? (patch as SupportChatUpdate) : null;
}
