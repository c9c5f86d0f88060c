/**
 * A loopback TCP proxy for fault injection: clients connect to the proxy, which pipes bytes to the
 * target. `dropAll()` resets every live connection (the client sees an abrupt close, as after a
 * network loss); while `refusing`, new connections are accepted and destroyed at once.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  /** `host:port` of the proxy. */
  readonly host: string;
  /** Connections accepted so far (refused ones included). */
  readonly accepted: number;
  /** Connections currently piped. */
  readonly active: number;
  /** Bytes the clients sent through the proxy (any request, even on a reused socket, counts). */
  readonly bytesFromClients: number;
  refusing: boolean;
  dropAll(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let accepted = 0;
  let bytesFromClients = 0;
  const state = { refusing: false };
  const server: Server = createServer((client) => {
    accepted++;
    if (state.refusing) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.on('data', (chunk: Buffer) => {
      bytesFromClients += chunk.length;
    });
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const dropAll = () => {
    for (const [client, upstream] of [...pairs]) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  return {
    host: `127.0.0.1:${port}`,
    get accepted() {
      return accepted;
    },
    get active() {
      return pairs.size;
    },
    get bytesFromClients() {
      return bytesFromClients;
    },
    get refusing() {
      return state.refusing;
    },
    set refusing(value: boolean) {
      state.refusing = value;
    },
    dropAll,
    async close() {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
