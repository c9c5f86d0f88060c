/**
 * The little of Engine.IO v4 and Socket.IO v5 framing the Rasa channel needs, over one plain
 * WebSocket (no socket.io-client): Engine.IO `0` open (JSON: sid, pingInterval, pingTimeout),
 * `2` ping / `3` pong, `1` close, `4` message; inside a message, Socket.IO `0` connect (`40`,
 * with an optional JSON auth payload), `1` disconnect, `2` event (`42["name",data]`), `4`
 * connect_error. Sources: socketio/engine.io-protocol and socketio/socket.io-protocol (v4/v5
 * READMEs); backend-protocols.md §2.2.
 * @module
 */

export type EioPacket =
  | { kind: 'open'; pingInterval: number; pingTimeout: number }
  | { kind: 'ping' }
  | { kind: 'close' }
  | { kind: 'connect' }
  | { kind: 'disconnect' }
  | { kind: 'connect_error'; message: string }
  | { kind: 'event'; name: string; data: unknown }
  | { kind: 'other' };

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Reads one WebSocket text frame (default namespace only). */
export function decodeFrame(frame: string): EioPacket {
  const eio = frame[0];
  if (eio === '0') {
    const open = parse(frame.slice(1)) as { pingInterval?: unknown; pingTimeout?: unknown } | undefined;
    const n = (v: unknown, d: number) => (typeof v === 'number' && v > 0 ? v : d);
    return { kind: 'open', pingInterval: n(open?.pingInterval, 25_000), pingTimeout: n(open?.pingTimeout, 20_000) };
  }
  if (eio === '2') return { kind: 'ping' };
  if (eio === '1') return { kind: 'close' };
  if (eio !== '4') return { kind: 'other' };
  const sio = frame[1];
  const rest = frame.slice(2);
  // A namespace other than "/" is not ours.
  if (rest.startsWith('/')) return { kind: 'other' };
  if (sio === '0') return { kind: 'connect' };
  if (sio === '1') return { kind: 'disconnect' };
  if (sio === '4') {
    const body = parse(rest) as { message?: unknown } | undefined;
    return { kind: 'connect_error', message: typeof body?.message === 'string' ? body.message : 'connection refused' };
  }
  if (sio === '2') {
    // An ack id may precede the array: 42 12["name",…].
    const list = parse(rest.replace(/^\d+/, ''));
    if (Array.isArray(list) && typeof list[0] === 'string') return { kind: 'event', name: list[0], data: list[1] };
  }
  return { kind: 'other' };
}

export const PONG = '3';
/** Socket.IO connect to the default namespace, with an auth payload when given. */
export const connectFrame = (auth?: Record<string, string>) => `40${auth ? JSON.stringify(auth) : ''}`;
/** A Socket.IO event. */
export const eventFrame = (name: string, data: unknown) => `42${JSON.stringify([name, data])}`;

/** The Engine.IO WebSocket URL under `base` (http → ws). */
export function engineUrl(base: string, path: string): string {
  const p = `/${path.replace(/^\/+|\/+$/g, '')}/`;
  return `${base.replace(/^http/, 'ws')}${p}?EIO=4&transport=websocket`;
}
