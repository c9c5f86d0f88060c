/**
 * Helpers of the limit tests: a clock whose fixed windows are far from a boundary, raw customer
 * sockets from a chosen address (through a trusted proxy), and a hello that may be refused.
 */
import WebSocket from 'ws';
import type { RunningServer } from '../../server/app';
import type { ServerFrame } from '../../src/transports/swp/frames';
import { Customer } from './customer';

/**
 * A clock that starts one minute into an hour (every test window divides an hour), so no window
 * of a test ends while it runs.
 */
export function steadyClock(): () => number {
  const hour = 3_600_000;
  const base = Math.floor(Date.now() / hour) * hour + 60_000;
  const started = Date.now();
  return () => base + (Date.now() - started);
}

/** Opens a customer socket, optionally as `address` behind the trusted proxy 127.0.0.1. */
export async function openFrom(server: RunningServer, address?: string): Promise<Customer> {
  const ws = new WebSocket(server.wsUrl, 'swp.v1', address ? { headers: { 'X-Forwarded-For': address } } : {});
  const c = new Customer(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('close', () => resolve());
  });
  return c;
}

/** Says hello; resolves with the welcome or the error that refused it. */
export function hello(c: Customer, extra: Record<string, unknown> = {}): Promise<ServerFrame> {
  if (c.ws.readyState !== WebSocket.OPEN) return c.waitFor((f) => f.t === 'error', 5000);
  return c.request({ t: 'hello', client: { sdk: 'test', locale: 'en' }, ...extra }, 5000);
}
