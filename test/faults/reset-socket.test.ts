// The fault proxy's reset of a half-closed socket must still close it (see reset-socket.ts).
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { resetSocket } from './reset-socket';

let server: net.Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Accepts one connection, applies `fault` to the server side, resolves whether `close` came within 5 s. */
async function closesAfter(fault: (socket: net.Socket) => void): Promise<boolean> {
  const peer: net.Socket[] = [];
  const closed = new Promise<boolean>((resolve) => {
    server = net.createServer((socket) => {
      socket.on('error', () => undefined);
      const timer = setTimeout(() => resolve(false), 5000);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
      fault(socket);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const client = net.connect((server!.address() as net.AddressInfo).port, '127.0.0.1');
  client.on('error', () => undefined);
  peer.push(client);
  // A peer that never answers the FIN: the state a busy client leaves the proxy in.
  client.on('end', () => undefined);
  const result = await closed;
  for (const c of peer) c.destroy();
  return result;
}

describe('resetSocket', () => {
  it('closes a socket that was half-closed (end) before, where resetAndDestroy alone never emits close', async () => {
    expect(await closesAfter((s) => (s.end(), resetSocket(s)))).toBe(true);
  });

  it('closes an open socket', async () => {
    expect(await closesAfter((s) => resetSocket(s))).toBe(true);
  });
});
