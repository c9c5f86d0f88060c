/**
 * `logout` and `refreshIdentity` of the WebSocket transport: over the socket when it is online
 * (the `logout` / `identity` frames), else over HTTP (`POST /swp/v1/sessions/logout`), so that a
 * logout revokes the token even while the socket is re-dialling.
 * @module
 */
import { createId } from '../../core/ids';
import type { IdentitySignature, SessionSnapshot, Transport } from '../../core/transport';
import { refreshOverHttp, revokeOverHttp, type SessionEndTarget } from './session-end';
import type { SwpSession } from './session';
import type { WsLink } from './ws-link';

/** The two methods, over `link`. */
export function wsSessionEnd(
  link: WsLink,
  session: SwpSession,
  target: SessionEndTarget,
): Required<Pick<Transport, 'logout' | 'refreshIdentity'>> {
  const online = () => link.liveness.phase === 'online';
  return {
    async logout(snapshot?: SessionSnapshot) {
      const token = snapshot?.sessionToken ?? session.token;
      if (token === undefined) return;
      const current = token === session.token;
      try {
        if (current && online()) {
          try {
            await link.request({ t: 'logout', id: createId() });
            return;
          } catch {
            // Lost on the way: the HTTP route below tries once more.
          } finally {
            // Before the server's 4401 close is heard, so it reads as the end it is, not a failure.
            await link.disconnect();
          }
        }
        await revokeOverHttp(target, token);
      } finally {
        if (current) session.forget();
      }
    },
    async refreshIdentity(identity: IdentitySignature) {
      link.setIdentity(identity);
      if (online()) await link.request({ t: 'identity', id: createId(), ...identity });
      else if (session.token !== undefined) await refreshOverHttp(target, session.token, identity);
    },
  };
}
