/**
 * A change of user on one device: the widget of this site and instance id remembers whom it last
 * ran for; mounted for someone else (another user, a visitor who signed in, a user gone anonymous),
 * it revokes the previous person's session at the server and deletes their saved data, so the
 * next person never sees it (README "Customer sessions and identity lifetimes").
 * @module
 */
import { createPersistence } from '../core/persistence';
import { createBrowserStore } from '../storage/browser-store';
import { createLocalJournal } from '../storage/journal';
import { usableLocalStorage } from '../storage/local-storage';
import type { ResolvedOptions } from './options';
import { clearMarker } from './marker-writer';

/** Where the last user of this site's widget `id` is kept (localStorage). @internal */
export function lastUserKey(host: string, id: string): string {
  return `support-chat:v1:${host}:last-user:${id}`;
}

/**
 * Calls `onSwitch(user)` when another tab of this site changes the user of the widget `id` to
 * someone else than `mine()` (`identify()` there, or a page booted for another person): this
 * tab's widget still holds the previous person's conversation in memory and must let it go.
 * Other tabs' writes reach this one as `storage` events. Returns the stop function. @internal
 */
export function watchUserElsewhere(host: string, id: string, mine: () => string, onSwitch: (user: string) => void): () => void {
  const key = lastUserKey(host, id);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== key || event.newValue === null || event.newValue === mine()) return;
    onSwitch(event.newValue);
  };
  globalThis.addEventListener?.('storage', onStorage);
  return () => globalThis.removeEventListener?.('storage', onStorage);
}

/**
 * Notes at once that the widget `id` now runs for `userId` on this device, before the previous
 * person's session is ended: the other tabs let go of it while this one ends it, so none of them
 * writes it back meanwhile. @internal
 */
export function noteDeviceUser(host: string, id: string, userId: string, storage: string | undefined): void {
  const ls = usableLocalStorage();
  if (!ls || storage === 'memory') return;
  try {
    ls.setItem(lastUserKey(host, id), userId);
  } catch {
    // Full or refused: the next mount notes it (forgetPreviousUser).
  }
}

/**
 * Notes that the widget now runs for `userId` ('anon' for a visitor); when it last ran for someone
 * else, ends that person's session (`transport.logout`, best effort) and wipes their namespace
 * `namespaceOf(previous)`. Never rejects. @internal
 */
export async function forgetPreviousUser(
  o: Pick<ResolvedOptions, 'id' | 'user' | 'storage' | 'transport'>,
  host: string,
  namespaceOf: (user: string) => string,
): Promise<void> {
  const ls = usableLocalStorage();
  if (!ls || o.storage === 'memory') return;
  const { id, transport } = o;
  const userId = o.user.id ?? 'anon';
  const key = lastUserKey(host, id);
  let previous: string | null = null;
  try {
    previous = ls.getItem(key);
    ls.setItem(key, userId);
  } catch {
    return;
  }
  if (previous === null || previous === userId) return;
  const namespace = namespaceOf(previous);
  const journal = createLocalJournal(`${namespace}:unsent:`);
  const persistence = createPersistence({
    store: createBrowserStore(o.storage === 'auto' ? 'indexeddb' : o.storage),
    namespace,
    ...(journal ? { journal } : {}),
  });
  try {
    const token = (await persistence.load()).session?.sessionToken;
    if (token !== undefined) await transport.logout?.({ sessionToken: token });
  } catch {
    // Unreadable, or the server out of reach: the token is forgotten with the rest.
  }
  await persistence.wipe();
  clearMarker(namespace);
}
