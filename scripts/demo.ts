/**
 * `npm run demo`: starts the reference server with the demo page and the built widget, and prints
 * the customer page URL and the operator console URL. Env: PORT, HOST, DATA_DIR, OPERATOR_HOURS,
 * OPERATOR_TZ, IDENTITY_SECRET, EMERGENCY_PHONE (see docs/protocol.md and the README).
 * The demo page's fault panel is served by the same loopback server: `/demo/drop`, `/demo/slow`
 * and `/demo/restart` (which restarts the server in this process, same port and data).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DemoAccount } from '../server/auth/settings';
import { startDemoServer } from './demo-server';

const dataDir = process.env.DATA_DIR ?? '.data';
const publicDir = join(dataDir, 'demo-public');
mkdirSync(publicDir, { recursive: true });

const DEMO_ACCOUNTS = [
  { username: 'demo-operator', password: 'demo-operator-pass', role: 'operator', displayName: 'Olga (demo operator)' },
  { username: 'demo-supervisor', password: 'demo-supervisor-pass', role: 'supervisor', displayName: 'Sergey (demo supervisor)' },
] as const satisfies readonly DemoAccount[];

const secret = process.env.IDENTITY_SECRET ?? randomBytes(32).toString('hex');
const options = {
  host: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 8787),
  dataDir,
  identitySecret: secret, // the same across restarts, so signed identities stay valid
  operatorHours: process.env.OPERATOR_HOURS ?? 'always',
  ...(process.env.OPERATOR_TZ ? { timeZone: process.env.OPERATOR_TZ } : {}),
  ...(process.env.EMERGENCY_PHONE ? { emergencyPhone: process.env.EMERGENCY_PHONE } : {}),
  staticDirs: { '/': 'demo', '/dist/': 'dist', '/demo-data/': publicDir },
  logLevel: 'info' as const,
  // The demo's operator accounts, created (or reset to these passwords) at every start and named on
  // the console's sign-in page. A production server has only the accounts made with the CLI.
  demoAccounts: DEMO_ACCOUNTS,
};
const demo = await startDemoServer(options, () => console.log('\n  demo: the server restarted (fault panel)\n'));
const server = demo.current;

// A signed identity for the demo's "signed-in customer" switch, as a bank's backend would issue it.
const userId = 'demo-customer-42';
// At most the server's maximum signature lifetime (24 h by default; README "Customer sessions and identity lifetimes").
const expires = Math.floor(Date.now() / 1000) + 20 * 3600;
writeFileSync(join(publicDir, 'identity.json'), JSON.stringify({ userId, expires, hash: server.signIdentity(userId, expires) }));

console.log(`
  support-chat demo is running

  Customer page:     ${server.url}/
  Operator console:  ${server.consoleUrl}

  Demo mode: the console shows the one-time codes (never do this in production).
  Demo accounts (created by this script; the sign-in page names them):
${DEMO_ACCOUNTS.map((a) => `    ${a.role.padEnd(10)} ${a.username} / ${a.password}`).join('\n')}

  Press Ctrl+C to stop.
`);

const stop = async () => {
  await demo.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
