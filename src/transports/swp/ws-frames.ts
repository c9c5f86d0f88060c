/**
 * What the WebSocket transport does with each server frame, and the `hello` that opens a
 * session on a fresh socket.
 * @module
 */
import { TransportError } from '../../core/errors';
import { createId } from '../../core/ids';
import type { Capabilities } from '../../core/model';
import type { ConnectContext, TransportEvent } from '../../core/transport';
import type { DecodedFrame } from './decode';
import type { ClientFrame, WelcomeFrame, WireError } from './frames';
import type { Liveness } from './liveness';
import { toErrorInfo } from './map';
import type { PendingRequests } from './pending';
import type { SwpSession } from './session';
import { clientInfo } from './client-info';

/** What the frame handler acts on. */
export interface WsFrameDeps {
  session: SwpSession;
  liveness: Liveness;
  pending: PendingRequests;
  emit(event: TransportEvent): void;
  write(frame: ClientFrame): void;
  log?: ((message: string, data?: unknown) => void) | undefined;
  /** Transport name for errors. */
  name?: string;
  /** The server accepted the hello: capabilities to use from now on (before the welcome's events). */
  setCapabilities(capabilities: Partial<Capabilities>): void;
  /** The welcome is applied: status `online`, `connect()` resolves. */
  ready(): void;
}

/** The hello/welcome exchange and the dispatch of every other frame. */
export interface WsFrameHandler {
  /** Sends `hello` for `ctx` with the session's token and resume cursor. */
  hello(ctx: ConnectContext): void;
  handle(frame: DecodedFrame): void;
  /** The last `error` frame's error, taken (cleared) by the close handler. */
  takeServerError(): WireError | undefined;
}

/**
 * Several conversations: the server refused to open the conversation a hello asked for. Says hello
 * again without it (back to the conversation we had) and fails the switch. False when no open was asked.
 */
function openRefused(deps: WsFrameDeps, name: string, error: WireError): boolean {
  if (!deps.session.openRequest()) return false;
  deps.session.cancelOpen(new TransportError(name, error.code, error.message, { retryable: false }));
  deps.liveness.reconnect('open refused', 0);
  return true;
}

/** Creates the handler of one transport. */
export function createWsFrameHandler(deps: WsFrameDeps): WsFrameHandler {
  const { session, liveness, pending, emit, write, log } = deps;
  const name = deps.name ?? 'websocket';
  let helloId: string | undefined;
  let helloHadResume = false;
  let serverError: WireError | undefined;

  const onWelcome = (w: WelcomeFrame) => {
    liveness.welcomed(w.heartbeatMs);
    serverError = undefined;
    deps.setCapabilities(w.capabilities);
    session.applyWelcome(w, helloHadResume);
    deps.ready();
  };

  const handle = (frame: DecodedFrame) => {
    switch (frame.t) {
      case 'welcome':
        // Only the answer to this connection's hello counts.
        if (liveness.phase === 'handshake' && (frame.ref === helloId || frame.ref === '')) onWelcome(frame);
        return;
      case 'nack':
        if (frame.ref === helloId && openRefused(deps, name, frame.error)) return;
        if (!pending.settle(frame)) log?.('reply nobody waits for', frame);
        return;
      case 'ack':
      case 'history.page':
        if (!pending.settle(frame)) log?.('reply nobody waits for', frame);
        return;
      case 'event':
        // Events at or below the cursor are duplicates or replays: the session drops them.
        if (frame.conversationId === session.conversationId && liveness.phase === 'online') session.applyEvent(frame.seq, frame.event);
        return;
      case 'typing':
        if (frame.conversationId === session.conversationId) emit({ type: 'typing', from: frame.from, on: frame.on });
        return;
      case 'availability':
        emit({ type: 'availability', availability: frame.availability });
        return;
      case 'conversation.summary':
        emit({ type: 'conversation.summary', conversation: frame.conversation });
        return;
      case 'goaway':
        liveness.reconnect(`goaway: ${frame.reason}`, frame.reconnectInMs);
        return;
      case 'error':
        serverError = frame.error;
        emit({ type: 'error', error: toErrorInfo(frame.error) });
        return;
      case 'ping':
        write({ t: 'pong', n: frame.n });
        // Events lost on the way, even the last ones, show as a ping ahead of our cursor.
        if (typeof frame.seq === 'number' && session.cursor !== undefined && frame.seq > session.cursor) {
          session.resetCursor(frame.seq, `events up to ${frame.seq} are missing`);
        }
        return;
      case 'pong':
        return;
    }
  };

  return {
    hello(ctx) {
      helloId = createId();
      const resume = session.resumeRequest();
      const open = session.openRequest();
      helloHadResume = resume !== undefined;
      write({
        t: 'hello',
        id: helloId,
        ...(session.token !== undefined ? { token: session.token } : {}),
        user: ctx.user,
        client: clientInfo(ctx.locale),
        ...(resume ? { resume } : {}),
        ...(open ? { open } : {}),
        ...(ctx.metadata ? { metadata: ctx.metadata } : {}),
      });
    },
    handle,
    takeServerError() {
      const error = serverError;
      serverError = undefined;
      return error;
    },
  };
}
