/**
 * Chatwoot's realtime channel: Rails ActionCable at `<base>/cable`, JSON frames whose
 * `identifier` (and a command's `data`) are JSON strings inside JSON. Sources: chatwoot/chatwoot
 * `app/channels/room_channel.rb`, `app/javascript/widget/helpers/actionCable.js`, the public page
 * "websocket-events"; ActionCable's own protocol (welcome, ping every 3 s, confirm/reject_subscription,
 * disconnect). The server pings every ~3 s: silence past `staleAfterMs` means a dead socket.
 * @module
 */
import type { BackoffOptions } from '../../core/backoff';
import { createSocketLoop } from '../adapters/socket-loop';
import type { WebSocketConstructor } from '../swp/socket';
import { asRecord, asString, type Json } from './wire';

export interface CableHandlers {
  /** Subscribed to the room (after every (re)connect). */
  subscribed(): void;
  /** `{ event, data }` of a room broadcast. */
  event(name: string, data: Json): void;
  /** The socket went down; `retryInMs` undefined when it will not come back by itself. */
  down(retryInMs: number | undefined): void;
  /** The server refused the token (`reject_subscription`, or `disconnect` unauthorized). */
  refused(reason: string): void;
}

export interface CableSettings {
  url: string;
  WebSocket: WebSocketConstructor;
  backoff: BackoffOptions;
  openTimeoutMs: number;
  staleAfterMs: number;
  presenceEveryMs: number;
}

export interface Cable {
  start(token: string): void;
  /** Subscribes with another token (after `contact.merged`). */
  resubscribe(token: string): void;
  /** A ping is overdue? Reconnect at once (skipping the backoff when reconnecting). */
  checkAlive(): void;
  stop(): Promise<void>;
}

const identifierOf = (token: string) => JSON.stringify({ channel: 'RoomChannel', pubsub_token: token });

export function createCable(settings: CableSettings, on: CableHandlers): Cable {
  let token = '';
  let lastFrameAt = 0;
  let subscribed = false;
  let monitor: ReturnType<typeof setInterval> | undefined;
  let presence: ReturnType<typeof setInterval> | undefined;
  const command = (c: Json) => loop.send(JSON.stringify(c));
  const subscribe = () => command({ command: 'subscribe', identifier: identifierOf(token) });

  const onFrame = (frame: Json) => {
    lastFrameAt = Date.now();
    switch (frame.type) {
      case 'welcome':
        subscribe();
        return;
      case 'ping':
        return;
      case 'confirm_subscription':
        if (frame.identifier !== identifierOf(token) || subscribed) return;
        subscribed = true;
        loop.succeeded();
        on.subscribed();
        return;
      case 'reject_subscription':
        if (frame.identifier === identifierOf(token)) refuse('the subscription was rejected (unknown pubsub token)');
        return;
      case 'disconnect':
        if (frame.reconnect === false) refuse(`the server disconnected: ${asString(frame.reason) ?? 'no reason'}`);
        else loop.drop('server disconnect');
        return;
    }
    if (frame.identifier !== identifierOf(token) || frame.message === undefined) return;
    const message = asRecord(frame.message);
    const name = asString(message.event);
    if (name) on.event(name, asRecord(message.data));
  };
  const refuse = (reason: string) => {
    subscribed = false;
    loop.halt('refused');
    on.refused(reason);
  };
  const loop = createSocketLoop(
    { url: () => settings.url, WebSocket: settings.WebSocket, backoff: settings.backoff, openTimeoutMs: settings.openTimeoutMs },
    {
      open: () => {
        lastFrameAt = Date.now();
      },
      message: (text) => {
        let frame: unknown;
        try {
          frame = JSON.parse(text);
        } catch {
          return;
        }
        onFrame(asRecord(frame));
      },
      down: (_reason, retryInMs) => {
        const was = subscribed;
        subscribed = false;
        if (was || retryInMs !== undefined) on.down(retryInMs);
      },
    },
  );
  const stale = () => loop.isOpen && Date.now() - lastFrameAt > settings.staleAfterMs;
  return {
    start(t) {
      token = t;
      clearInterval(monitor);
      clearInterval(presence);
      monitor = setInterval(() => stale() && loop.drop('stale'), Math.max(100, Math.floor(settings.staleAfterMs / 3)));
      presence = setInterval(() => {
        if (subscribed)
          command({ command: 'message', identifier: identifierOf(token), data: JSON.stringify({ action: 'update_presence' }) });
      }, settings.presenceEveryMs);
      loop.start();
    },
    resubscribe(t) {
      if (t === token) return;
      if (subscribed) command({ command: 'unsubscribe', identifier: identifierOf(token) });
      token = t;
      subscribed = false;
      subscribe();
    },
    checkAlive() {
      if (stale()) loop.drop('stale');
      else loop.redialNow();
    },
    async stop() {
      clearInterval(monitor);
      clearInterval(presence);
      subscribed = false;
      await loop.stop();
    },
  };
}
