/**
 * A transport whose code is loaded on first use: the script-tag build's HTTP and memory
 * transports. `SupportChat.createHttpTransport(...)` returns one at once (with the capabilities
 * the real one starts with); `connect()` loads the stage file, then everything is handed to the
 * real transport. Listeners added before the load are moved onto it.
 * @module
 */
import { isOptionError, TransportError } from '../core/errors';
import type { Capabilities } from '../core/model';
import type { SessionSnapshot, Transport, TransportEvent, Unsubscribe } from '../core/transport';

/** A transport that loads its implementation on first use. */
export interface DeferredTransport<T extends Transport> extends Required<Transport> {
  /** Loads the implementation (once) and resolves to the real transport, e.g. for the memory transport's fault switches. */
  load(): Promise<T>;
}

/** Load attempts before `connect()` gives up (the engine tries again when the network comes back). */
const LOAD_ATTEMPTS = 3;
const LOAD_RETRY_MS = 1000;

/**
 * Wraps `load` (which creates the real transport) in a {@link DeferredTransport} named `name`,
 * answering `capabilities` until the real one exists.
 * @internal
 */
export function createDeferredTransport<T extends Transport>(
  name: string,
  capabilities: Capabilities,
  load: () => Promise<T>,
): DeferredTransport<T> {
  let inner: T | null = null;
  let loading: Promise<T> | null = null;
  let disconnected = false;
  let resume: SessionSnapshot = {};
  const listeners = new Set<(event: TransportEvent) => void>();

  const loadOnce = (): Promise<T> => {
    loading ??= load().then(
      (real) => {
        inner = real;
        real.on((event) => {
          for (const listener of [...listeners]) listener(event);
        });
        return real;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };

  /** The real transport, loaded with a few retries; a failure is a retryable network error. */
  const ready = async (): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await loadOnce();
      } catch (error) {
        // A bad option is not cured by trying again.
        if (isOptionError(error)) throw new TransportError(name, 'invalid', error.message, { retryable: false, cause: error });
        if (attempt >= LOAD_ATTEMPTS || disconnected) {
          const why = error instanceof Error ? error.message : String(error);
          throw new TransportError(name, 'network', `could not load the transport: ${why}`, { retryable: true, cause: error });
        }
        await new Promise((resolve) => setTimeout(resolve, LOAD_RETRY_MS * attempt));
      }
    }
  };

  const closedError = () => new TransportError(name, 'closed', 'transport was disconnected', { retryable: false });
  const call = async <R>(use: (real: T) => Promise<R> | undefined, what: string): Promise<R> => {
    const real = await ready();
    const result = use(real);
    if (result === undefined) throw new TransportError(name, 'unsupported', `${what} is not supported`, { retryable: false });
    return result;
  };

  return {
    name,
    get capabilities() {
      return inner ? inner.capabilities : capabilities;
    },
    load: ready,
    async connect(ctx) {
      if (disconnected) throw closedError();
      resume = ctx.resume ?? {};
      const real = await ready();
      if (disconnected) throw closedError();
      return real.connect(ctx);
    },
    async disconnect() {
      disconnected = true;
      listeners.clear();
      await inner?.disconnect();
    },
    on(listener): Unsubscribe {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    snapshot: () => (inner ? inner.snapshot() : { ...resume }),
    send: (message) => call((t) => t.send(message), 'send'),
    fetchHistory: (query) => call((t) => t.fetchHistory?.(query), 'fetchHistory'),
    upload: (file, options) => call((t) => t.upload?.(file, options), 'upload'),
    markRead: (upTo) => call((t) => t.markRead?.(upTo), 'markRead'),
    requestHandoff: (request) => call((t) => t.requestHandoff?.(request), 'requestHandoff'),
    submitVerification: (id, code) => call((t) => t.submitVerification?.(id, code), 'submitVerification'),
    resendVerification: (id) => call((t) => t.resendVerification?.(id), 'resendVerification'),
    skipVerification: (id) => call((t) => t.skipVerification?.(id), 'skipVerification'),
    cancelHandoff: () => call((t) => t.cancelHandoff?.(), 'cancelHandoff'),
    handoffPreview: () => call((t) => t.handoffPreview?.(), 'handoffPreview'),
    setHandoffNote: (note) => call((t) => t.setHandoffNote?.(note), 'setHandoffNote'),
    closeConversation: () => call((t) => t.closeConversation?.(), 'closeConversation'),
    rate: (score, comment) => call((t) => t.rate?.(score, comment), 'rate'),
    leaveContact: (request) => call((t) => t.leaveContact?.(request), 'leaveContact'),
    openConversation: (target) => call((t) => t.openConversation?.(target), 'openConversation'),
    listConversations: () => call((t) => t.listConversations?.(), 'listConversations'),
    logout: (session) => call((t) => t.logout?.(session), 'logout'),
    refreshIdentity: (identity) => call((t) => t.refreshIdentity?.(identity), 'refreshIdentity'),
    updateProfile: (update) => call((t) => t.updateProfile?.(update), 'updateProfile'),
    setTyping: (on) => inner?.setTyping?.(on),
    checkAlive: (reason) => inner?.checkAlive?.(reason),
  };
}
