/**
 * Two reference-server processes (`server/main.ts`) on one real PostgreSQL, as the transport
 * conformance suite takes a deployment: customers through a loopback round-robin balancer that
 * spreads their connections over A and B, the visitor's second tab and the operator on B. Codes
 * go out through the real webhook sender to a small receiver here (a process's demo codes stay in
 * its memory). Identities are signed with the secret every process shares.
 * @module
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signIdentity } from '../../server/identity';
import { startBalancer } from '../../scripts/bench/balancer';
import { addOperatorAccount, SHARED_SECRET, type ServerProcess, startServerProcess } from '../helpers/server-process';
import type { ConformanceServer } from './conformance';

/** Per-address limits lifted: every test client comes from 127.0.0.1 (the per-session ones stay). */
export const ONE_ADDRESS_FLAGS = [
  ...['--frames-per-ip', '1000000000/10', '--messages-per-ip', '1000000000/60', '--handoffs-per-ip', '1000000000/3600'],
  ...['--sessions-per-ip', '1000000000/600', '--sockets-per-ip', '1000000000', '--uploads-per-ip', '1000000000/3600'],
];

/** A receiver of the code webhook: the last code per conversation. */
async function codeReceiver(): Promise<{ url: string; code(conversationId: string): string | undefined; close(): Promise<void> }> {
  const codes = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += String(d)));
    req.on('end', () => {
      const sent = JSON.parse(body) as { code: string; conversationId: string };
      codes.set(sent.conversationId, sent.code);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/codes`,
    code: (id) => codes.get(id),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What {@link startTwoProcesses} started, beyond the suite's view of it. */
export interface TwoProcesses extends ConformanceServer {
  a: ServerProcess;
  b: ServerProcess;
}

/**
 * Starts A and B on `databaseUrl` (schema `schema`, migrated by A first), an operator account
 * "Anna", the code receiver and the balancer.
 */
export async function startTwoProcesses(databaseUrl: string, schema: string, args: readonly string[] = []): Promise<TwoProcesses> {
  const codes = await codeReceiver();
  const flags = [
    ...['--bot-delay-ms', '0', '--code-sender', 'webhook', '--code-webhook-url', codes.url, '--code-webhook-secret', 'k'],
    ...ONE_ADDRESS_FLAGS,
    ...args,
  ];
  // Side by side: the migrator's advisory lock lets one process migrate while the other waits.
  const [a, b] = await Promise.all([
    startServerProcess('A', databaseUrl, schema, { verification: true, args: flags }),
    startServerProcess('B', databaseUrl, schema, { verification: true, args: flags }),
  ]);
  await addOperatorAccount(databaseUrl, schema, 'anna', 'operator', 'Anna');
  const balancer = await startBalancer([Number(new URL(a.url).port), Number(new URL(b.url).port)]);
  return {
    a,
    b,
    customerUrl: `http://127.0.0.1:${balancer.port}`,
    otherUrl: b.url,
    operatorUrl: b.url,
    signIdentity: (userId, expiresUnix) => signIdentity(SHARED_SECRET, userId, expiresUnix),
    async lastVerificationCode(conversationId) {
      // The webhook is answered before the challenge reaches the customer; a short wait covers a slow receiver.
      for (let i = 0; i < 100 && !codes.code(conversationId); i++) await new Promise((r) => setTimeout(r, 50));
      return codes.code(conversationId);
    },
    async close() {
      await balancer.close();
      await codes.close();
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
    },
  };
}
