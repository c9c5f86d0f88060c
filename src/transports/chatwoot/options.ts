/**
 * Options of `createChatwootTransport`, checked once (an `OptionError` names the bad one).
 * @module
 */
import type { BackoffOptions } from '../../core/backoff';
import { OptionError } from '../../core/errors';
import type { WebSocketConstructor } from '../swp/socket';
import type { CableSettings } from './cable';

export interface ChatwootTransportOptions {
  /** The Chatwoot installation, e.g. `https://chat.example.com` (no path, query or credentials). */
  baseUrl: string;
  /** The API-channel inbox's identifier (inbox settings → "Inbox identifier"). */
  inboxIdentifier: string;
  /** WebSocket constructor. @default globalThis.WebSocket */
  WebSocket?: WebSocketConstructor;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Reconnect backoff of the realtime socket. @default { minDelayMs: 1000, maxDelayMs: 30000 } */
  reconnect?: BackoffOptions;
  /** A REST request's time limit, ms. @default 15000 */
  requestTimeoutMs?: number;
  /** Silence on the socket (Chatwoot pings every 3 s) after which it counts as dead, ms. @default 8000 */
  staleAfterMs?: number;
  /** Logs adapter trouble (never tokens): your own logger. */
  debug?: (message: string, data?: unknown) => void;
}

export interface ResolvedChatwootOptions {
  baseUrl: string;
  inboxIdentifier: string;
  fetch: typeof fetch;
  requestTimeoutMs: number;
  cable: CableSettings;
  log?: (message: string, data?: unknown) => void;
}

function base(value: unknown): URL {
  if (typeof value !== 'string' || !value.trim())
    throw new OptionError('baseUrl', 'expected the Chatwoot URL, e.g. "https://chat.example.com"');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OptionError('baseUrl', `"${value}" is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OptionError('baseUrl', 'use http: or https:');
  if (url.username || url.password || url.search || url.hash) throw new OptionError('baseUrl', 'no credentials, query or fragment');
  return url;
}

export function resolveChatwootOptions(o: ChatwootTransportOptions): ResolvedChatwootOptions {
  const url = base(o.baseUrl);
  if (typeof o.inboxIdentifier !== 'string' || !/^[\w-]{1,200}$/.test(o.inboxIdentifier))
    throw new OptionError('inboxIdentifier', 'expected the inbox identifier of an API-channel inbox');
  const WebSocketCtor = o.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (typeof WebSocketCtor !== 'function') throw new OptionError('WebSocket', 'no global WebSocket here: pass one (e.g. from "ws")');
  const fetchImpl = o.fetch ?? globalThis.fetch?.bind(globalThis);
  if (typeof fetchImpl !== 'function') throw new OptionError('fetch', 'no global fetch here: pass one');
  const baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  const wsUrl = `${baseUrl.replace(/^http/, 'ws')}/cable`;
  return {
    baseUrl,
    inboxIdentifier: o.inboxIdentifier,
    fetch: fetchImpl,
    requestTimeoutMs: o.requestTimeoutMs ?? 15_000,
    cable: {
      url: wsUrl,
      WebSocket: WebSocketCtor,
      backoff: o.reconnect ?? {},
      openTimeoutMs: 10_000,
      staleAfterMs: o.staleAfterMs ?? 8000,
      presenceEveryMs: 30_000,
    },
    ...(o.debug ? { log: o.debug } : {}),
  };
}
