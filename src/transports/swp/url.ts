/**
 * Endpoint URLs of an SWP/1 server, derived and validated from the option the host passes.
 * @module
 */
import { OptionError } from '../../core/errors';
import { SWP_HTTP_PREFIX, SWP_WS_PATH } from './frames';

/** Both endpoints of one server. */
export interface SwpEndpoints {
  /** WebSocket URL (`ws:` or `wss:`). */
  ws: string;
  /** HTTP base URL without a trailing slash, e.g. `https://chat.example.com/swp/v1`. */
  http: string;
}

function parse(option: string, value: unknown): URL {
  if (typeof value !== 'string' || value.trim() === '') throw new OptionError(option, 'expected a non-empty URL string');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OptionError(option, `"${value}" is not an absolute URL`);
  }
  if (url.username || url.password)
    throw new OptionError(option, 'credentials in the URL are not allowed; the session token is sent in the first frame');
  if (url.search || url.hash) throw new OptionError(option, 'query strings and fragments are not allowed (tokens in URLs leak into logs)');
  return url;
}

const trimSlash = (path: string) => path.replace(/\/+$/, '');

/**
 * Accepts a `ws(s)://` URL (used as is; it should end with `/swp/v1/ws`) or an `http(s)://` base
 * URL of the server, and returns both endpoints. Throws `OptionError` naming `option`.
 */
export function resolveEndpoints(option: string, value: unknown): SwpEndpoints {
  const url = parse(option, value);
  const secure = url.protocol === 'wss:' || url.protocol === 'https:';
  if (!['ws:', 'wss:', 'http:', 'https:'].includes(url.protocol)) {
    throw new OptionError(option, `unsupported scheme "${url.protocol}" (use ws:, wss:, http: or https:)`);
  }
  let base = trimSlash(url.pathname);
  if (url.protocol === 'ws:' || url.protocol === 'wss:') {
    if (base.endsWith(SWP_WS_PATH)) base = base.slice(0, -SWP_WS_PATH.length);
  } else if (base.endsWith(SWP_HTTP_PREFIX)) {
    base = base.slice(0, -SWP_HTTP_PREFIX.length);
  }
  const host = url.host;
  const wsPath = url.protocol.startsWith('ws') ? trimSlash(url.pathname) || SWP_WS_PATH : `${base}${SWP_WS_PATH}`;
  return {
    ws: `${secure ? 'wss' : 'ws'}://${host}${wsPath}`,
    http: `${secure ? 'https' : 'http'}://${host}${base}${SWP_HTTP_PREFIX}`,
  };
}

/** Accepts only an `http(s)://` base URL (for the HTTP transport). */
export function resolveHttpBase(option: string, value: unknown): string {
  const url = parse(option, value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OptionError(option, `unsupported scheme "${url.protocol}" (use http: or https:)`);
  }
  return resolveEndpoints(option, value).http;
}
