/**
 * Server options and their resolved form.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_LIMITS, type ProtocolLimits } from '../src/protocol/frames';
import type { BlobStore } from './blobs/blob-store';
import type { Bus } from './bus/bus';
import type { ChatStore } from './db/chat-store';
import type { Bot } from './bot-types';
import type { LogLevel } from './log';
import type { CodeSender } from './verification/code-sender';
import { resolveVerification, type VerificationOptions, type VerificationSettings } from './verification/settings';
import { DEFAULT_CHANNELS, type ChannelsConfig } from './domain/conversations';
import { type AccountOptions, type AccountSettings, resolveAccountSettings } from './auth/settings';
import { type DeskOptions, type DeskSettings, resolveDeskSettings } from './desk/settings';
import { type GovernanceOptions, type GovernanceSettings, resolveGovernanceSettings } from './governance/settings';
import { type ExtraLimitOptions, type ExtraLimitSettings, resolveExtraLimitSettings } from './limits/settings';
import { type SessionLifetimeOptions, type SessionLifetimeSettings, resolveSessionLifetimeSettings } from './sessions/settings';

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
export interface ServerOptions extends AccountOptions, GovernanceOptions, SessionLifetimeOptions, DeskOptions, ExtraLimitOptions {
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
  /**
   * 24/7 emergency phone line (e.g. `+7 800 555-35-35`) offered by the bot's urgent answers (fraud,
   * a suspicious call, a lost card) while no operator is online, as a `tel:` button, and by the code
   * step's `verificationFallback: 'phone'`. None by default.
   */
  emergencyPhone?: string;
  /** Bot implementation; defaults to `createBot()` from server/bot. */
  bot?: Bot;
  /**
   * Storage engine; defaults to the embedded SQLite file `support-chat.sqlite` in `dataDir`
   * (in memory with `dataDir: ':memory:'`). An injected store stays open when the server closes:
   * its owner closes it.
   */
  store?: ChatStore;
  /**
   * PostgreSQL connection URL (`DATABASE_URL`), e.g. `postgres://app:secret@db:5432/support`: the
   * store and the bus (LISTEN/NOTIFY) that let several server processes share one deployment.
   * Ignored when `store` is given. Processes sharing a database must share `identitySecret` too.
   */
  databaseUrl?: string;
  /** PostgreSQL schema of the tables (default: the connection's search path). */
  databaseSchema?: string;
  /**
   * Bus to the other server processes (server/bus/bus.ts); made from `databaseUrl` when omitted.
   * An injected bus stays open when the server closes.
   */
  bus?: Bus;
  /**
   * Where uploaded files' bytes live (server/blobs/blob-store.ts): by default the `uploads`
   * directory of `dataDir`, or a PostgreSQL table with `databaseUrl`. An injected one stays open.
   */
  blobs?: BlobStore;
  /** How many events a resume may replay before the client must resync (default 1000). */
  replayWindow?: number;
  /** Base URL put in attachment links (default: the server's own URL). */
  publicUrl?: string;
  /** Bearer token of `GET /metrics`; without one it answers loopback clients only. */
  metricsToken?: string;
  /**
   * On `close()`, how long to let requests in flight finish (the store stays open meanwhile), ms.
   * Readiness answers 503 from the start of the drain. @default 10000
   */
  drainMs?: number;
  /** The demo page's fault switches `POST /demo/drop|slow|restart` (server/demo-controls.ts). Never in production. @default false */
  demoControls?: boolean;
  /**
   * Mask card numbers and their CVCs (`•••• 1111`) in the text of messages before they are stored,
   * shown to operators or passed to the bot (server/domain/masking.ts). Env `MASK_CARD_NUMBERS=0`.
   * @default true
   */
  maskCardNumbers?: boolean;
  /** Where log lines go (one JSON object per line); stdout by default. Tests capture them. */
  logWriter?: (line: string) => void;
  /** Called by `POST /demo/restart` (with `demoControls`) after it answered; the host restarts the server. */
  onDemoRestart?: () => void;
  /**
   * Demo mode (`--demo`, set by `npm run demo`): the operator console shows the one-time codes the
   * demo sender "sends", under a "Demo mode: codes are shown" banner. Never in production. @default false
   */
  demo?: boolean;
  /**
   * How one-time codes reach the customer: `'demo'` (logs that a code was sent, never the code),
   * `'webhook'` (signed POST to `codeWebhook.url`), or an own {@link CodeSender}. @default 'demo'
   */
  codeSender?: 'demo' | 'webhook' | CodeSender;
  /** The webhook sender's target (`CODE_WEBHOOK_URL`, `CODE_WEBHOOK_SECRET`); required with `codeSender: 'webhook'`. */
  codeWebhook?: { url: string; secret: string; timeoutMs?: number };
  /** Limits of the code step (see README "The code step"); unset ones keep their defaults. */
  verificationPolicy?: VerificationOptions;
  /** What "Didn't get a code?" offers besides a new code. @default 'none' */
  verificationFallback?: 'none' | 'phone' | 'queue';
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
  metricsToken: string | undefined;
  drainMs: number;
  maskCardNumbers: boolean;
  /** Demo mode: codes shown in the console (with a banner). */
  demo: boolean;
  /** The code step's limits, sender and fallback. */
  codes: VerificationSettings;
  /** See {@link ServerOptions.emergencyPhone}. */
  emergencyPhone: string | undefined;
  channels: ChannelsConfig;
  /** Operator accounts and console sign-in. */
  accounts: AccountSettings;
  /** Audit, retention, erasure. */
  governance: GovernanceSettings;
  /** Customer session lifetimes and identity expiry. */
  sessions: SessionLifetimeSettings;
  /** The console's shift tools. */
  desk: DeskSettings;
  /** Windows per session and address, body timeouts, upload quotas. */
  extraLimits: ExtraLimitSettings;
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
    metricsToken: o.metricsToken,
    drainMs: o.drainMs ?? 10_000,
    demoControls: o.demoControls ?? false,
    maskCardNumbers: o.maskCardNumbers ?? true,
    demo: o.demo ?? false,
    codes: resolveVerification(o),
    emergencyPhone: o.emergencyPhone?.trim() || undefined,
    channels: { ...DEFAULT_CHANNELS, ...o.channels },
    accounts: resolveAccountSettings(o),
    governance: resolveGovernanceSettings(o),
    sessions: resolveSessionLifetimeSettings(o),
    desk: resolveDeskSettings(o),
    extraLimits: resolveExtraLimitSettings(o),
  };
}
