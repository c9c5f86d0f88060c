/**
 * The address a request or socket comes from, for per-address limits: the socket's remote address,
 * or — only when the socket is a configured trusted proxy — the nearest untrusted address of
 * `X-Forwarded-For`. Anyone else's `X-Forwarded-For` is ignored, so a client cannot pick its own
 * address.
 * @module
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** What {@link clientAddress} reads of the context. */
export interface AddressContext {
  config: { extraLimits: { trustedProxies: readonly string[] } };
}

/** `::ffff:1.2.3.4` → `1.2.3.4`; anything else as given (trimmed, lower case). */
export function normalizeAddress(address: string): string {
  const a = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  return mapped ? mapped[1]! : a;
}

/** The client's address of a request (or of a WebSocket upgrade request). */
export function clientAddress(req: IncomingMessage, ctx: AddressContext): string {
  const remote = normalizeAddress(req.socket.remoteAddress ?? '');
  const configured = ctx.config.extraLimits.trustedProxies;
  if (configured.length === 0) return remote;
  const trusted = configured.map(normalizeAddress);
  if (!trusted.includes(remote)) return remote;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map(normalizeAddress)
    .filter((h) => h !== '');
  // Right to left: each trusted proxy appended the address it saw; the first untrusted one is the client.
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) return remote;
    if (!trusted.includes(hop)) return hop;
  }
  return hops[0] ?? remote;
}

/**
 * The key per-address limits count under: an IPv4 address as is, an IPv6 address by its /64 (one
 * customer line usually gets a whole /64, so counting single addresses would be no limit).
 */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head, tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
