/**
 * Server options and their resolved form.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_LIMITS, type ProtocolLimits } from '../src/protocol/frames';
import type { ChatStore } from './db/chat-store';
import type { Bot } from './bot-types';
import type { LogLevel } from './log';
import { DEFAULT_CHANNELS, type ChannelsConfig } from './domain/conversations';

/** Every limit the server enforces (announced in `welcome` and docs/protocol.md §Limits). */
export type ServerLimits = ProtocolLimits & {
  /** Largest upload, bytes. */
  maxUploadBytes: number;
  /** Most attachments on one message. */
  maxUploadFiles: number;
  /** Accepted upload types (sniffed from content). */
  uploadTypes: string[];
};

/** Defaults of every limit. */
export const SERVER_LIMITS: ServerLimits = {
  ...DEFAULT_LIMITS,
  maxUploadBytes: 10 * 1024 * 1024,
  maxUploadFiles: 5,
  uploadTypes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'],
};

/** Options of {@link startServer} (see server/app.ts). */
export interface ServerOptions {
  host?: string;
  port?: number;
  /** Directory of the SQLite file and uploads; `':memory:'` keeps everything in memory (tests). */
  dataDir?: string;
  /** HMAC secret of identity hashes; random per process when omitted. */
  identitySecret?: string;
  /** `'always' | 'never' | 'Mon-Fri 09:00-18:00'` (several ranges separated by commas). */
  operatorHours?: string;
  /** IANA time zone of `operatorHours`, e.g. `Europe/Moscow`. */
  timeZone?: string;
  heartbeatMs?: number;
  /** Limits (see docs/protocol.md §Limits); unset ones keep their defaults. */
  limits?: Partial<ProtocolLimits & { maxUploadBytes: number; maxUploadFiles: number; uploadTypes: string[] }>;
  /** URL prefix → directory, e.g. `{ '/': 'demo', '/dist/': 'dist' }`. */
  staticDirs?: Record<string, string>;
  logLevel?: LogLevel;
  /** Clock (ms since epoch); tests move it to expire codes. */
  now?: () => number;
  /** OTP verification before a handoff (default true). */
  verification?: boolean;
  /** Bot typing delay before its replies, ms (default 450; 0 in tests). */
  botDelayMs?: number;
  /** Shared secret operators must present; none when omitted. */
  operatorToken?: string;
  /** Bot implementation; defaults to `createBot()` from server/bot. */
  bot?: Bot;
  /**
   * Storage engine; defaults to the embedded SQLite file `support-chat.sqlite` in `dataDir`
   * (in memory with `dataDir: ':memory:'`). An injected store stays open when the server closes:
   * its owner closes it.
   */
  store?: ChatStore;
  /** How many events a resume may replay before the client must resync (default 1000). */
  replayWindow?: number;
  /** Base URL put in attachment links (default: the server's own URL). */
  publicUrl?: string;
  /** The demo page's fault switches `POST /demo/drop|slow|restart` (server/demo-controls.ts). Never in production. @default false */
  demoControls?: boolean;
  /** Called by `POST /demo/restart` (with `demoControls`) after it answered; the host restarts the server. */
  onDemoRestart?: () => void;
  /**
   * Channels of conversations per segment (several conversations; README "Several conversations
   * and notifications"). @default private: support, notifications (read-only); business: those and documents
   */
  channels?: Partial<ChannelsConfig>;
}

/** Options after defaults. */
export interface ResolvedConfig {
  host: string;
  port: number;
  dataDir: string;
  identitySecret: string;
  operatorHours: string;
  timeZone: string;
  heartbeatMs: number;
  limits: ServerLimits;
  staticDirs: Record<string, string>;
  logLevel: LogLevel;
  now: () => number;
  verification: boolean;
  botDelayMs: number;
  operatorToken: string | undefined;
  replayWindow: number;
  publicUrl: string | undefined;
  demoControls: boolean;
  channels: ChannelsConfig;
}

/** Applies defaults. */
export function resolveConfig(o: ServerOptions): ResolvedConfig {
  const limits: ServerLimits = { ...SERVER_LIMITS };
  for (const [k, v] of Object.entries(o.limits ?? {})) {
    if (v !== undefined && Object.prototype.hasOwnProperty.call(SERVER_LIMITS, k)) (limits as unknown as Record<string, unknown>)[k] = v;
  }
  return {
    host: o.host ?? '127.0.0.1',
    port: o.port ?? 8787,
    dataDir: o.dataDir ?? '.data',
    identitySecret: o.identitySecret ?? randomBytes(32).toString('hex'),
    operatorHours: o.operatorHours ?? 'always',
    timeZone: o.timeZone ?? 'UTC',
    heartbeatMs: o.heartbeatMs ?? limits.heartbeatMs,
    limits,
    staticDirs: o.staticDirs ?? {},
    logLevel: o.logLevel ?? 'info',
    now: o.now ?? Date.now,
    verification: o.verification ?? true,
    botDelayMs: o.botDelayMs ?? 450,
    operatorToken: o.operatorToken,
    replayWindow: o.replayWindow ?? 1000,
    publicUrl: o.publicUrl,
    demoControls: o.demoControls ?? false,
    channels: { ...DEFAULT_CHANNELS, ...o.channels },
  };
}
