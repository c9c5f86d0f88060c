/**
 * `logout` and `refreshIdentity` of the HTTP transport: `POST /swp/v1/sessions/logout` (after the
 * poll loop is stopped) and `POST /swp/v1/sessions/identity`.
 * @module
 */
import type { IdentitySignature, ProfileUpdate, SessionSnapshot, Transport } from '../../core/transport';
import type { HttpConnection } from './http-connection';
import { profileOverHttp, refreshOverHttp, revokeOverHttp, type SessionEndTarget } from './session-end';
import type { SwpSession } from './session';

/** The two methods, over `connection`. */
export function httpSessionEnd(
  connection: HttpConnection,
  session: SwpSession,
  target: SessionEndTarget,
): Required<Pick<Transport, 'logout' | 'refreshIdentity' | 'updateProfile'>> {
  return {
    async logout(snapshot?: SessionSnapshot) {
      const token = snapshot?.sessionToken ?? session.token;
      if (token === undefined) return;
      const current = token === session.token;
      // No poll may run with the token while (or after) it is revoked.
      if (current) connection.disconnect();
      try {
        await revokeOverHttp(target, token);
      } finally {
        if (current) session.forget();
      }
    },
    async refreshIdentity(identity: IdentitySignature) {
      connection.setIdentity(identity);
      if (session.token !== undefined && connection.phase !== 'idle') await refreshOverHttp(target, session.token, identity);
    },
    async updateProfile(update: ProfileUpdate) {
      connection.setProfile(update);
      if (session.token !== undefined && connection.phase !== 'idle') await profileOverHttp(target, session.token, update);
    },
  };
}
