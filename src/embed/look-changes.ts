/**
 * What the framework wrappers (`support-chat/react`, `support-chat/vue`) hand to `update()` when
 * the options a component renders with change: only the changed keys `update()` accepts, so an
 * unchanged render never remounts the UI. Engine options (transport, id, user, storage...) are
 * read once, at mount.
 * @module
 */
import type { IdentifySignature, IdentifyUser } from './identify';
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

/**
 * A change of signed-in user between two renders (`user.id` differs and the new `user` carries
 * its signature, `hash` and `hashExpires`): the arguments for `identify()`, or null. @internal
 */
export function identityChange(
  previous: Partial<SupportChatOptions>,
  next: Partial<SupportChatOptions>,
): [IdentifyUser, IdentifySignature] | null {
  const u = next.user;
  if (!u?.id || u.id === previous.user?.id || !u.hash || typeof u.hashExpires !== 'number') return null;
  const user: IdentifyUser = { id: u.id };
  if (u.name !== undefined) user.name = u.name;
  if (u.email !== undefined) user.email = u.email;
  if (u.attributes !== undefined) user.attributes = u.attributes;
  return [user, { hash: u.hash, expires: u.hashExpires }];
}
