/**
 * SWP/1 frames that end or extend a session: `logout` revokes the session (its token is refused
 * from then on, every connection of it is closed); `identity` hands over a fresh identity signature
 * of the same user before the old one expires. Both are answered by `ack`.
 * HTTP: `POST /swp/v1/sessions/logout` → 204; `POST /swp/v1/sessions/identity {hash, hashExpires}` → 204.
 * @module
 */
import { literal, number, object, string, type Checker } from './check';

/** Ends the session for good (the widget's `logout()`): answered by `ack`, then the server closes with 4401. */
export interface LogoutFrame {
  t: 'logout';
  id: string;
}

/** A fresh signature of the signed-in user (`user.hash`, `user.hashExpires`): the session lives on until it expires. */
export interface IdentityFrame {
  t: 'identity';
  id: string;
  hash: string;
  /** Unix seconds; at most the server's maximum signature lifetime ahead (default 24 h). */
  hashExpires: number;
}

const id = string({ min: 1, max: 128 });

/** What the customer's page says about them (not covered by the identity signature). */
export interface ProfileFields {
  name?: string;
  email?: string;
  phone?: string;
  attributes?: Record<string, string | number | boolean>;
}

/**
 * A change of what the page said about the person (`identify()` of the same user with a new name,
 * e-mail or attributes) or of their language (`setLocale()`), without a reconnect: answered by
 * `ack`. The bot answers in the new language from then on.
 */
export interface ProfileFrame {
  t: 'profile';
  id: string;
  user?: ProfileFields;
  /** BCP 47. */
  locale?: string;
}

/** Validators of the session frames (part of the client frame checkers). */
export const SESSION_FRAME_CHECKERS = {
  logout: object({ t: literal('logout'), id }) as Checker<LogoutFrame>,
  identity: object({
    t: literal('identity'),
    id,
    hash: string({ min: 1, max: 256 }),
    hashExpires: number({ min: 0, max: 1e13, integer: true }),
  }) as Checker<IdentityFrame>,
};
