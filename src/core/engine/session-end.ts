/**
 * The end of a session and the identity it lives on: `endSession()` revokes the session at the
 * backend (the first step of `logout()`), `refreshIdentity()` hands over a fresh signature of the
 * signed-in user, and the `identityExpiring` event warns the host page before the one it gave expires.
 * @module
 */
import { ChatError, TransportError } from '../errors';
import type { ProfileUpdate } from '../transport';
import type { Engine } from './context';
import type { Connection } from './connection';

/** How long before the signature expires `identityExpiring` fires, ms (at once when less is left). */
export const IDENTITY_WARNING_MS = 5 * 60_000;

/** @internal */
export interface SessionEnd {
  endSession(): Promise<boolean>;
  refreshIdentity(hash: string, hashExpires: number): Promise<void>;
  updateProfile(update: ProfileUpdate): Promise<void>;
  stop(): void;
}

/** Deps of {@link createSessionEnd}. @internal */
export interface SessionEndDeps {
  restored(): Promise<void>;
  connection: Pick<Connection, 'restart'>;
}

/** @internal */
export function createSessionEnd(engine: Engine, deps: SessionEndDeps): SessionEnd {
  const { transport, emitter } = engine;
  let warning: ReturnType<typeof setTimeout> | undefined;

  const watchExpiry = () => {
    clearTimeout(warning);
    const { id, hashExpires: expires } = engine.options.user ?? {};
    if (engine.destroyed || !id || !expires) return;
    const wait = expires * 1000 - Date.now() - IDENTITY_WARNING_MS;
    // Timers longer than 2^31-1 ms fire at once: a far expiry is looked at again later.
    warning = setTimeout(
      () => (wait > 2e9 ? watchExpiry() : emitter.emit('identityExpiring', { expiresAt: expires })),
      Math.min(wait, 2e9),
    );
  };
  watchExpiry();

  return {
    async endSession() {
      engine.guard('logout()');
      await deps.restored();
      // The live session once connected; before that, the one restored from storage.
      const session = engine.everOnline ? transport.snapshot() : (engine.savedSession ?? {});
      if (!session.sessionToken || !transport.logout) return false;
      try {
        // Transports time their requests out (README "Writing a transport"), so this settles.
        await transport.logout(session);
        return true;
      } catch {
        // Offline or unreachable: the token is forgotten with the rest of the local data; the
        // server ends it at its idle lifetime.
        return false;
      }
    },
    async refreshIdentity(hash, hashExpires) {
      engine.guard('refreshIdentity()');
      const user = engine.options.user;
      if (user?.id === undefined || !hash) throw new ChatError('support-chat: refreshIdentity: not signed in');
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
    async updateProfile(update) {
      engine.guard('updateProfile()');
      if (update.user) engine.options.user = { ...engine.options.user, ...update.user };
      if (update.locale !== undefined) engine.options.locale = update.locale;
      try {
        await transport.updateProfile?.(update);
      } catch (error) {
        // Not connected now: the next connect carries it anyway.
        if (error instanceof TransportError && error.retryable) return;
        engine.reportError(error);
        throw error;
      }
    },
    stop: () => clearTimeout(warning),
  };
}
