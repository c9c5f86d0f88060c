/**
 * Server options of limits beyond `limits` (windows per session and address, body timeouts, upload quotas), and their resolved form (`config.extraLimits`).
 * Every window is fixed (see server/db/limits-store.ts) and shared by all processes on one database.
 * @module
 */
import { DEFAULT_LIMITS } from '../../src/protocol/frames';

/** At most `max` units per fixed window of `windowMs`. */
export interface WindowRule {
  max: number;
  windowMs: number;
}

/** Limit settings after defaults (`ServerContext.config.extraLimits`). */
export interface ExtraLimitSettings {
  /** Customer frames (WebSocket) and requests (HTTP, long-polls excluded) per session, over all its sockets. */
  framesPerSession: WindowRule;
  /** The same per client address. */
  framesPerIp: WindowRule;
  /** Messages sent per session. */
  messagesPerSession: WindowRule;
  messagesPerIp: WindowRule;
  /** Requests for a person (`handoff.request`) per session. */
  handoffsPerSession: WindowRule;
  handoffsPerIp: WindowRule;
  /** Files uploaded per session (customer) or per operator. */
  uploadsPerSession: WindowRule;
  uploadsPerIp: WindowRule;
  /** Bytes uploaded per session (customer) or per operator. */
  uploadBytesPerSession: WindowRule;
  uploadBytesPerIp: WindowRule;
  /** New customer sessions per client address. */
  sessionsPerIp: WindowRule;
  /** Operator console frames per operator, over all the operator's consoles. */
  operatorFrames: WindowRule;
  /** Customer WebSockets open at once per session / per address (on one process). */
  socketsPerSession: number;
  socketsPerIp: number;
  /** Long-polls held at once per session (on one process). */
  longPollsPerSession: number;
  /** A request body that sends nothing for this long is dropped (408), ms. */
  bodyIdleTimeoutMs: number;
  /** A request body not complete after this long is dropped (408), ms. */
  bodyTotalTimeoutMs: number;
  /** Uploads never attached to a message are deleted after this long, ms. */
  uploadTtlMs: number;
  /**
   * Addresses (exact IPs) of reverse proxies whose `X-Forwarded-For` is believed; from anyone else
   * the socket's address counts. Empty: the header is ignored.
   */
  trustedProxies: string[];
}

/** Options of limits beyond `limits` (a part of `ServerOptions`). */
export interface ExtraLimitOptions {
  /** Windows, quotas and timeouts (README "Limits"); unset ones keep their defaults. */
  extraLimits?: Partial<ExtraLimitSettings>;
  /** Shorthand of `extraLimits.trustedProxies` (`TRUSTED_PROXIES`). */
  trustedProxies?: string[];
  /** Read for the default of `framesPerSession` (`limits.maxFramesPer10s`). */
  limits?: { maxFramesPer10s?: number };
}

const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;
const MIB = 1024 * 1024;

/** The defaults (README "Limits" lists them). */
export const EXTRA_LIMIT_DEFAULTS: ExtraLimitSettings = {
  framesPerSession: { max: DEFAULT_LIMITS.maxFramesPer10s, windowMs: 10 * S },
  framesPerIp: { max: 1000, windowMs: 10 * S },
  messagesPerSession: { max: 120, windowMs: MIN },
  messagesPerIp: { max: 600, windowMs: MIN },
  handoffsPerSession: { max: 10, windowMs: HOUR },
  handoffsPerIp: { max: 100, windowMs: HOUR },
  uploadsPerSession: { max: 20, windowMs: HOUR },
  uploadsPerIp: { max: 200, windowMs: HOUR },
  uploadBytesPerSession: { max: 100 * MIB, windowMs: HOUR },
  uploadBytesPerIp: { max: 1000 * MIB, windowMs: HOUR },
  sessionsPerIp: { max: 60, windowMs: 10 * MIN },
  operatorFrames: { max: 2 * DEFAULT_LIMITS.maxFramesPer10s, windowMs: 10 * S },
  socketsPerSession: 8,
  socketsPerIp: 50,
  longPollsPerSession: 2,
  bodyIdleTimeoutMs: 10 * S,
  bodyTotalTimeoutMs: 60 * S,
  uploadTtlMs: 24 * HOUR,
  trustedProxies: [],
};

/** Applies the defaults. */
export function resolveExtraLimitSettings(o: ExtraLimitOptions): ExtraLimitSettings {
  const frames = o.limits?.maxFramesPer10s;
  const base: ExtraLimitSettings = {
    ...EXTRA_LIMIT_DEFAULTS,
    ...(frames !== undefined
      ? { framesPerSession: { max: frames, windowMs: 10 * S }, operatorFrames: { max: 2 * frames, windowMs: 10 * S } }
      : {}),
  };
  const out = { ...base } as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(o.extraLimits ?? {})) if (v !== undefined && k in base) out[k] = v;
  const resolved = out as unknown as ExtraLimitSettings;
  if (o.trustedProxies) resolved.trustedProxies = [...o.trustedProxies];
  return resolved;
}

/** Parses `MAX/SECONDS` (e.g. `100/10`) into a window. */
export function parseWindow(spec: string): WindowRule {
  const m = /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(spec);
  if (!m) throw new Error(`expected MAX/SECONDS (e.g. 100/10), got "${spec}"`);
  const windowMs = Math.round(Number(m[2]) * 1000);
  if (windowMs <= 0) throw new Error(`the window of "${spec}" must be longer than 0 s`);
  return { max: Number(m[1]), windowMs };
}
