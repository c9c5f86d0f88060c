/**
 * A small TCP round-robin balancer on loopback for the two-process benchmark: each new connection
 * goes to the next backend, bytes are piped both ways (WebSocket upgrades included).
 * @module
 */
import { connect, createServer, type Server } from 'node:net';

/** A listening balancer. */
export interface Balancer {
  port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (a free port) and spreads connections over `backends` (ports on 127.0.0.1). */
export function startBalancer(backends: number[]): Promise<Balancer> {
  let next = 0;
  const server: Server = createServer((inbound) => {
    const port = backends[next++ % backends.length]!;
    // From the client's own loopback address, so the servers' per-address limits see each client's.
    const outbound = connect({ host: '127.0.0.1', port, ...(inbound.remoteAddress ? { localAddress: inbound.remoteAddress } : {}) });
    inbound.pipe(outbound).pipe(inbound);
    const done = (): void => {
      inbound.destroy();
      outbound.destroy();
    };
    inbound.on('error', done).on('close', done);
    outbound.on('error', done).on('close', done);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({ port, close: () => new Promise<void>((r) => server.close(() => r())) });
    });
  });
}
