/**
 * How one-time codes reach the customer. The server hands every code to one `CodeSender`; the code
 * is never stored in clear, never logged and never shown to operators (outside demo mode).
 * @module
 */
import { createHmac } from 'node:crypto';
import type { Logger } from '../log';

/** Who the code is for, as the server knows them. */
export interface CodeRecipient {
  /** `u:<userId>` for signed-in users, `s:<sessionId>` for anonymous visitors. */
  userKey: string;
  /** The host's user id, when proven by an identity signature (look the phone up by it). */
  userId: string | null;
  /** The phone the customer gave, when any (untrusted unless the host signed it). */
  phone?: string;
}

/** One code to deliver. */
export interface CodeMessage {
  to: CodeRecipient;
  code: string;
  /** The conversation's language, for the SMS text. */
  locale: string;
  conversationId: string;
}

/** Delivers codes (SMS gateway, e-mail, push…). `send` rejects when the code could not be handed over. */
export interface CodeSender {
  send(message: CodeMessage): Promise<void>;
}

/** A sender failure (its message never contains the code). */
export class CodeSendError extends Error {
  override readonly name = 'CodeSendError';
}

/**
 * The demo's "SMS gateway": it logs that a code was sent (never the code) and keeps the last code
 * of each conversation in memory, as the customer's phone would, so that the demo console (in
 * demo mode only) and in-process tests can read it.
 */
export class DemoCodeSender implements CodeSender {
  private readonly inbox = new Map<string, string>();
  constructor(
    private readonly log: Logger,
    private readonly keep = 1000,
  ) {}

  async send(m: CodeMessage): Promise<void> {
    this.inbox.delete(m.conversationId);
    this.inbox.set(m.conversationId, m.code);
    if (this.inbox.size > this.keep) this.inbox.delete(this.inbox.keys().next().value!);
    this.log.info('verification code sent (demo sender)', { conversation: m.conversationId, to: m.to.userKey });
  }

  /** The last code "delivered" for a conversation. */
  lastCode(conversationId: string): string | undefined {
    return this.inbox.get(conversationId);
  }

  /** Forgets a conversation's code (passed, expired or replaced). */
  forget(conversationId: string): void {
    this.inbox.delete(conversationId);
  }
}

/** `sha256=<hex>` HMAC of a webhook body, as sent in `X-Signature`. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Production sender: `POST`s `{ to, code, locale, conversationId, sentAt }` as JSON to a configured
 * URL with `X-Signature: sha256=<hex HMAC-SHA256 of the body>`; the receiver (the bank's SMS
 * service) checks the signature and sends the SMS. Any non-2xx answer, network error or timeout
 * rejects with a {@link CodeSendError}.
 */
export class WebhookCodeSender implements CodeSender {
  constructor(
    private readonly options: { url: string; secret: string; timeoutMs: number },
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async send(m: CodeMessage): Promise<void> {
    const body = JSON.stringify({
      to: m.to,
      code: m.code,
      locale: m.locale,
      conversationId: m.conversationId,
      sentAt: new Date(this.now()).toISOString(),
    });
    let status: number;
    try {
      const res = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': signBody(this.options.secret, body) },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      status = res.status;
      await res.body?.cancel();
    } catch (e) {
      const why = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError') ? 'timed out' : 'failed';
      this.log.warn('code webhook ' + why, { conversation: m.conversationId });
      throw new CodeSendError(`code webhook ${why}`);
    }
    if (status < 200 || status > 299) {
      this.log.warn('code webhook refused', { conversation: m.conversationId, status });
      throw new CodeSendError(`code webhook answered ${status}`);
    }
    this.log.info('verification code sent (webhook)', { conversation: m.conversationId, to: m.to.userKey });
  }
}
