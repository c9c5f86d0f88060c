/**
 * What `startServer()` resolves with.
 * @module
 */
import type { NewAccount } from './auth/accounts';
import type { Notification } from './domain/conversations';

/** A started server. */
export interface RunningServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `ws://…/swp/v1/ws` */
  wsUrl: string;
  consoleUrl: string;
  port: number;
  close(): Promise<void>;
  /**
   * In-process test hook: the last code the demo sender delivered for a conversation (kept in
   * memory only, as the customer's phone would; undefined with the webhook or an own sender).
   */
  lastVerificationCode(conversationId: string): Promise<string | undefined>;
  /**
   * In-process test hook: makes sure an operator account exists (added, or updated to this role and
   * password) and resolves with its id. Tests sign in with it through `connectOperator`/`startShift`.
   */
  createOperatorAccount(input: NewAccount): Promise<{ id: string }>;
  /** Test hook: compute a valid identity hash for a user id. */
  signIdentity(userId: string, expiresUnix: number): string;
  /**
   * Posts to a signed-in customer's read-only notifications channel (e.g. "Your card has been
   * reissued"); the same as `POST /swp/v1/admin/notifications`.
   */
  postNotification(userId: string, notification: Notification): Promise<{ conversationId: string; messageId: string }>;
}
