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
  // Where the last user of this site's widget `id` is kept.
  const key = `support-chat:v1:${host}:last-user:${id}`;
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
