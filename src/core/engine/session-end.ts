/**
 * The end of a session and the identity it lives on: `endSession()` revokes the session at the
 * backend (the first step of `logout()`), `refreshIdentity()` hands over a fresh signature of the
 * signed-in user, and the `identityExpiring` event warns the host page before the one it gave expires.
 * @module
 */
import { ChatError, TransportError } from '../errors';
import type { Engine } from './context';
import type { Connection } from './connection';

/** How long `endSession()` waits for the backend before it just forgets the token, ms. */
export const LOGOUT_TIMEOUT_MS = 5000;
/** How long before the signature expires `identityExpiring` fires, ms (at once when less is left). */
export const IDENTITY_WARNING_MS = 5 * 60_000;

/** @internal */
export interface SessionEnd {
  endSession(): Promise<boolean>;
  refreshIdentity(hash: string, hashExpires: number): Promise<void>;
  stop(): void;
}

/** Deps of {@link createSessionEnd}. @internal */
export interface SessionEndDeps {
  restored(): Promise<void>;
  connection: Pick<Connection, 'restart'>;
}

const within = <T>(p: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    p.then(resolve, reject).finally(() => clearTimeout(timer));
  });

/** @internal */
export function createSessionEnd(engine: Engine, deps: SessionEndDeps): SessionEnd {
  const { transport, emitter } = engine;
  let warning: ReturnType<typeof setTimeout> | undefined;

  const watchExpiry = () => {
    if (warning) clearTimeout(warning);
    warning = undefined;
    const expires = engine.options.user?.hashExpires;
    if (engine.destroyed || engine.options.user?.id === undefined || expires === undefined) return;
    const wait = Math.max(0, expires * 1000 - Date.now() - IDENTITY_WARNING_MS);
    // Timers longer than 2^31-1 ms fire at once: a far expiry is looked at again later.
    const step = Math.min(wait, 2 ** 31 - 1);
    warning = setTimeout(() => (step < wait ? watchExpiry() : emitter.emit('identityExpiring', { expiresAt: expires })), step);
  };
  watchExpiry();

  return {
    async endSession() {
      engine.guard('logout()');
      await deps.restored();
      // The live session once connected; before that, the one restored from storage.
      const live = engine.everOnline ? transport.snapshot() : {};
      const session = { ...(engine.savedSession ?? {}), ...live };
      if (session.sessionToken === undefined || !transport.logout) return false;
      try {
        await within(transport.logout(session), LOGOUT_TIMEOUT_MS);
        return true;
      } catch {
        // Offline or unreachable: the token is forgotten with the rest of the local data; the
        // server ends it at its idle lifetime.
        return false;
      }
    },
    async refreshIdentity(hash, hashExpires) {
      engine.guard('refreshIdentity()');
      if (typeof hash !== 'string' || hash === '' || !Number.isInteger(hashExpires))
        throw new ChatError('support-chat: refreshIdentity(hash, expires) needs the hash and its expiry in Unix seconds');
      const user = engine.options.user;
      if (user?.id === undefined) throw new ChatError('support-chat: refreshIdentity() is for a signed-in user (options.user.id)');
      engine.options.user = { ...user, hash, hashExpires };
      watchExpiry();
      if (engine.transportStatus === 'failed') return deps.connection.restart();
      if (!transport.refreshIdentity) return;
      try {
        await transport.refreshIdentity({ hash, hashExpires });
      } catch (error) {
        // Not connected now: the next hello carries the new signature anyway.
        if (error instanceof TransportError && error.retryable) return;
        engine.reportError(error);
        throw error;
      }
    },
    stop() {
      if (warning) clearTimeout(warning);
      warning = undefined;
    },
  };
}
