/**
 * An abrupt reset (RST) of a proxied socket that always ends in `close`.
 *
 * `socket.resetAndDestroy()` on a socket whose writable side was already ended (the half-close
 * fault calls `end()`) fails inside libuv with EINVAL: Node emits an `error`, drops the handle
 * without closing it, and never emits `close`. A `ws` server socket on it then never closes, so the
 * proxy kept a "live WebSocket link" forever, but only when the client had not answered the FIN
 * yet: under CPU load (the flaky "after destroy(): 1 live WebSocket link" of seed 20240739).
 * After `end()` there is no clean RST to send; a plain `destroy()` closes the handle.
 */
import type { Socket } from 'node:net';

/** Resets `socket` (RST when it can still send one), guaranteeing its `close` event. */
export function resetSocket(socket: Socket): void {
  if (socket.destroyed && !socket.writableEnded) return;
  if (socket.writableEnded || socket.writableFinished) socket.destroy();
  else socket.resetAndDestroy();
}
