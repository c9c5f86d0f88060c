/**
 * `identify(user, signature)`: signs a visitor in, or switches to another user, on the same widget.
 * The widget the page holds is a thin front over one mounted widget at a time; a change of user
 * ends the current session at the server, wipes the previous person's saved data (`logout()` of
 * the mounted one) and mounts a fresh one for the new user with a fresh transport (the options'
 * factory), keeping whether the dialog was open, the page's `on` listeners and every `update()`.
 * The same user again just hands the backend the fresh signature (`refreshIdentity`).
 * @module
 */
import type { ChatEventMap } from '../core/chat';
import { OptionError } from '../core/errors';
import type { ChatUser, ProfileUpdate } from '../core/transport';
import { isPlainObject } from './option-checks';
import { noteDeviceUser } from './user-switch';
import type { SupportChatOptions } from './options';
import type { SupportChat } from './support-chat-api';
import type { SupportChatUpdate } from './widget-ui';

/** Who signs in with {@link SupportChat.identify}. */
export interface IdentifyUser {
  /** The host's own user id (the one the server's HMAC signs). */
  id: string;
  name?: string;
  email?: string;
  /** Extra attributes shown to the operator (plan, account type, ...). */
  attributes?: Record<string, string | number | boolean>;
}

/** The server's signature of {@link IdentifyUser.id} (README "Customer sessions and identity lifetimes"). */
export interface IdentifySignature {
  /** The HMAC the server computed for the user id and `expires`. */
  hash: string;
  /** Unix seconds after which `hash` is no longer accepted. */
  expires: number;
}

const USER_KEYS = ['id', 'name', 'email', 'attributes'];

/** Refuses a malformed `identify()` call by naming the bad part. @internal */
export function checkIdentify(user: unknown, signature: unknown): { user: IdentifyUser; signature: IdentifySignature } {
  const fail = (option: string, reason: string) => {
    throw new OptionError(option, reason);
  };
  if (!isPlainObject(user)) return fail('user', 'expected an object');
  if (typeof user.id !== 'string' || !user.id || user.id.length > 200)
    fail('user.id', 'expected a non-empty string (up to 200 characters)');
  for (const key of Object.keys(user)) if (!USER_KEYS.includes(key)) fail(`user.${key}`, 'unknown field');
  for (const key of ['name', 'email'])
    if (user[key] !== undefined && typeof user[key] !== 'string') fail(`user.${key}`, 'expected a string');
  if (user.attributes !== undefined && !isPlainObject(user.attributes)) fail('user.attributes', 'expected an object');
  const s = isPlainObject(signature) ? signature : {};
  if (typeof s.hash !== 'string' || !s.hash) fail('signature.hash', "expected the server's HMAC (a string)");
  if (typeof s.expires !== 'number' || !Number.isFinite(s.expires)) fail('signature.expires', 'expected Unix seconds');
  return { user: user as unknown as IdentifyUser, signature: s as unknown as IdentifySignature };
}

type AnyListener = (payload: never) => void;

/** How `switchableWidget` asks for one widget. @internal */
export interface MountHow {
  /**
   * The widget claims this device for its user: it notes whom it runs for and, when that was
   * someone else, ends and wipes the previous person's session. False for a tab that only follows
   * a change made in another tab (that one did the ending and the wiping).
   */
  claimDevice: boolean;
  /** Another tab of this site switched this widget's user: the mounted one must go. */
  onUserElsewhere: () => void;
}

/** One mounted widget, as `switchableWidget` holds it. @internal */
export interface MountedInstance extends SupportChat {
  /** Destroys this widget and deletes its saved data here, without ending its session at the server. */
  forgetHere(): Promise<void>;
}

/** The visitor that a tab becomes when another tab switched the user: no one's identity, the same segment. */
function visitorOf(user: ChatUser | undefined): ChatUser {
  return user?.segment ? { segment: user.segment } : {};
}

/** The signed-in user `user` becomes, kept in the segment they had. */
function signedIn(previous: ChatUser | undefined, user: IdentifyUser, signature: IdentifySignature): ChatUser {
  return { ...(previous?.segment ? { segment: previous.segment } : {}), ...user, hash: signature.hash, hashExpires: signature.expires };
}

/** What `identify()` of the same user changes in what the page says about them; null when nothing. */
function profileChanges(previous: ChatUser, user: IdentifyUser): ProfileUpdate['user'] | null {
  const changes: NonNullable<ProfileUpdate['user']> = {};
  if (user.name !== undefined && user.name !== previous.name) changes.name = user.name;
  if (user.email !== undefined && user.email !== previous.email) changes.email = user.email;
  if (user.attributes !== undefined && JSON.stringify(user.attributes) !== JSON.stringify(previous.attributes))
    changes.attributes = user.attributes;
  return Object.keys(changes).length > 0 ? changes : null;
}

/** `checkIdentify`, as a rejected promise when the call is malformed. */
function checkedCall(user: unknown, signature: unknown): Promise<ReturnType<typeof checkIdentify>> {
  try {
    return Promise.resolve(checkIdentify(user, signature));
  } catch (error) {
    return Promise.reject(error);
  }
}

/** The page's `on`/`off` listeners, kept across widgets: `reattach()` puts them on the current one. */
function forwardedListeners(currentOf: () => SupportChat): Pick<SupportChat, 'on' | 'off'> & { reattach(): void } {
  const listeners = new Map<AnyListener, { type: keyof ChatEventMap; off: () => void }>();
  const book: Pick<SupportChat, 'on' | 'off'> & { reattach(): void } = {
    on(type, listener) {
      book.off(type, listener);
      const entry = { type, off: currentOf().on(type, listener) };
      listeners.set(listener as AnyListener, entry);
      return () => book.off(type, listener);
    },
    off(type, listener) {
      const entry = listeners.get(listener as AnyListener);
      if (!entry || entry.type !== type) return;
      entry.off();
      listeners.delete(listener as AnyListener);
    },
    reattach() {
      for (const [listener, entry] of listeners) entry.off = currentOf().on(entry.type, listener as never);
    },
  };
  return book;
}

/**
 * The page's widget over `mount(options)`: the same object for the page through every change of
 * user. @internal
 */
export function switchableWidget(
  initial: SupportChatOptions,
  mount: (options: SupportChatOptions, how: MountHow) => MountedInstance,
): SupportChat {
  let options = initial;
  let ended = false;
  let queue: Promise<void> = Promise.resolve();
  const listeners = forwardedListeners(() => current);
  // One change at a time, in the order they were asked for (here or in another tab).
  const enqueue = (change: () => Promise<void>) => {
    queue = queue.catch(() => undefined).then(change);
    return queue;
  };
  const remount = (claimDevice: boolean) => {
    current = mount(options, { claimDevice, onUserElsewhere: () => void enqueue(followElsewhere) });
    listeners.reattach();
  };
  // Another tab signed someone else in (or out): the other tab ended the previous person's
  // session and wiped their data; this one lets go of what it holds in memory and goes on as a
  // visitor, so that the previous person's conversation is never shown here again.
  const followElsewhere = async () => {
    if (ended) return;
    const isOpen = current.state.isOpen.peek();
    await current.forgetHere();
    if (ended) return;
    options = { ...options, user: visitorOf(options.user), open: isOpen };
    remount(false);
  };
  let current!: MountedInstance;
  remount(true);
  const patch = (p: SupportChatUpdate) => {
    current.update(p);
    options = { ...options, ...p };
  };

  const switchTo = async (user: IdentifyUser, signature: IdentifySignature) => {
    if (ended) return;
    const same = options.user;
    if (same?.id === user.id) {
      // The same person: a changed name, e-mail or attributes reach the server, then the signature.
      const changes = profileChanges(same, user);
      options = { ...options, user: signedIn(same, { ...same, ...user } as IdentifyUser, signature) };
      if (changes) await current.chat.updateProfile({ user: changes });
      return current.refreshIdentity(signature.hash, signature.expires);
    }
    if (typeof options.transport !== 'function') {
      throw new OptionError(
        'transport',
        'identify() with another user needs a fresh transport: pass a factory, e.g. transport: () => createWebSocketTransport({ url })',
      );
    }
    const isOpen = current.state.isOpen.peek();
    const previous = current;
    noteDeviceUser(String(globalThis.location?.host ?? ''), options.id ?? 'default', user.id, options.storage);
    await previous.logout();
    if (ended) return;
    options = { ...options, user: signedIn(options.user, user, signature), open: isOpen };
    remount(true);
  };

  const widget: SupportChat = {
    open: () => current.open(),
    close: () => current.close(),
    toggle: () => current.toggle(),
    show: () => patch({ launcher: true }),
    hide: () => patch({ launcher: false }),
    update: patch,
    setLocale: (locale) => patch({ locale }),
    setTheme: (theme) => patch({ ...theme }),
    getState: () => current.getState(),
    send: (text) => current.send(text),
    on: listeners.on,
    off: listeners.off,
    identify: (user, signature) => checkedCall(user, signature).then((c) => enqueue(() => switchTo(c.user, c.signature))),
    refreshIdentity: (hash, expires) => current.refreshIdentity(hash, expires),
    destroy() {
      ended = true;
      return current.destroy();
    },
    logout() {
      ended = true;
      return current.logout();
    },
    get state() {
      return current.state;
    },
    get chat() {
      return current.chat;
    },
    get element() {
      return current.element;
    },
  };
  return widget;
}
