/**
 * `logout` and `refreshIdentity` of the WebSocket transport: over the socket when it is online
 * (the `logout` / `identity` frames); a logout otherwise goes over HTTP (`POST
 * /swp/v1/sessions/logout`), so that it revokes the token even while the socket is re-dialling.
 * @module
 */
import { createId } from '../../core/ids';
import type { IdentitySignature, ProfileUpdate, SessionSnapshot, Transport } from '../../core/transport';
import { revokeOverHttp, type SessionEndTarget } from './session-end';
import type { SwpSession } from './session';
import type { WsLink } from './ws-link';

/** The two methods, over `link`. */
export function wsSessionEnd(
  link: WsLink,
  session: SwpSession,
  target: SessionEndTarget,
): Required<Pick<Transport, 'logout' | 'refreshIdentity' | 'updateProfile'>> {
  const online = () => link.liveness.phase === 'online';
  return {
    async logout(snapshot?: SessionSnapshot) {
      const token = snapshot?.sessionToken ?? session.token;
      if (!token) return;
      const current = token === session.token;
      try {
        // A lost answer: the HTTP route tries once more. The socket is closed before the server's
        // 4401 close is heard, so that reads as the end it is, not a failure.
        const done = current && online() && (await link.request({ t: 'logout', id: createId() }).then(Boolean, () => false));
        if (current) await link.disconnect();
        if (!done) await revokeOverHttp(target, token);
      } finally {
        if (current) session.forget();
      }
    },
    async refreshIdentity(identity: IdentitySignature) {
      link.setIdentity(identity);
      // Not online: the next hello carries the new signature, which extends the session as well.
      if (online()) await link.request({ t: 'identity', id: createId(), ...identity });
    },
    async updateProfile(update: ProfileUpdate) {
      link.setProfile(update);
      // Not online: the next hello carries it.
      if (online()) await link.request({ t: 'profile', id: createId(), ...update });
    },
  };
}
