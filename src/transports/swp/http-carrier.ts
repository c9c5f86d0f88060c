/**
 * The HTTP carrier of the SWP command layer: each command is one request under
 * `{base}/swp/v1/`, answered by its JSON body. Sends carry `Idempotency-Key: <clientId>`, so the
 * client's retries can never store a message twice.
 * @module
 */
import type { Options as KyOptions } from 'ky';
import { TransportError } from '../../core/errors';
import type { ConversationTarget } from '../../core/transport';
import type { SwpCarrier, SwpCommand } from './commands';
import type { HttpClient } from './http-client';
import type { SwpSession } from './session';

/** Path and request options that carry `command`. */
export function commandRequest(command: SwpCommand): { path: string; options: KyOptions } {
  const at = (suffix: string) => `conversations/${encodeURIComponent((command as { conversationId: string }).conversationId)}/${suffix}`;
  const post = (json: unknown): KyOptions => ({ method: 'post', json });
  switch (command.t) {
    case 'send': {
      const { t: _t, conversationId: _c, ...body } = command;
      return { path: at('messages'), options: { ...post(body), headers: { 'Idempotency-Key': body.clientId } } };
    }
    case 'history': {
      const searchParams: Record<string, number> = {};
      if (command.before !== undefined) searchParams.before = command.before;
      if (command.limit !== undefined) searchParams.limit = command.limit;
      return { path: at('messages'), options: { searchParams } };
    }
    case 'read':
      return { path: at('read'), options: post({ upTo: command.upTo }) };
    case 'handoff.request': {
      const { t: _t, conversationId: _c, ...body } = command;
      return { path: at('handoff'), options: post(body) };
    }
    case 'handoff.cancel':
      return { path: at('handoff/cancel'), options: post({}) };
    case 'handoff.note':
      return { path: at('handoff/note'), options: post({ note: command.note }) };
    case 'handoff.preview':
      return { path: at('handoff/preview'), options: {} };
    case 'handoff.contact': {
      const { t: _t, conversationId: _c, ...body } = command;
      return { path: at('contact'), options: post(body) };
    }
    case 'verify.submit':
      return { path: 'verify', options: post({ challengeId: command.challengeId, code: command.code }) };
    case 'verify.resend':
      return { path: 'verify/resend', options: post({ challengeId: command.challengeId }) };
    case 'verify.skip':
      return { path: 'verify/skip', options: post({ challengeId: command.challengeId }) };
    case 'close':
      return { path: at('close'), options: post({}) };
    case 'rate': {
      const { t: _t, conversationId: _c, ...body } = command;
      return { path: at('rate'), options: post(body) };
    }
    case 'conversations.list':
      return { path: 'conversations', options: {} };
  }
}

/** What the carrier reads from the transport's connection state. */
export interface HttpCarrierDeps {
  name: string;
  base: string;
  fetch: typeof fetch;
  client: HttpClient;
  session: SwpSession;
  /** True while online or reconnecting (requests may still go through). */
  usable(): boolean;
  /** True while online: typing is not worth a request otherwise. */
  online(): boolean;
  /** Aborts on `disconnect()`. */
  signal(): AbortSignal;
  /** Several conversations: a new session request for `target`, then polls it. */
  switchTo(target: ConversationTarget): Promise<void>;
  log: ((message: string, data?: unknown) => void) | undefined;
}

/** Creates the carrier. */
export function createHttpCarrier(deps: HttpCarrierDeps): SwpCarrier {
  const { name, client, session } = deps;
  const conversation = () => {
    const id = session.conversationId;
    if (!deps.usable() || id === undefined) throw new TransportError(name, 'network', 'not connected', { retryable: true });
    return id;
  };
  return {
    name,
    conversation,
    request(command) {
      const { path, options } = commandRequest(command);
      return client.call(path, options, deps.signal());
    },
    typing(on) {
      if (!deps.online()) return;
      let path: string;
      try {
        path = `conversations/${encodeURIComponent(conversation())}/typing`;
      } catch (error) {
        deps.log?.('typing failed', error);
        return;
      }
      client
        .call(path, { method: 'post', json: { on }, retry: 0 }, deps.signal())
        .catch((error: unknown) => deps.log?.('typing failed', error));
    },
    uploadTarget: () => ({ httpBase: deps.base, token: session.token, conversationId: session.conversationId, fetch: deps.fetch }),
    switchTo: (target) => deps.switchTo(target),
  };
}
