/**
 * The table of the server's settings (flag, environment variable, kind, help, and where each goes
 * in `ServerOptions`); read by `settings.ts`.
 * @module
 */
import type { ServerOptions } from '../config';
import type { LogLevel } from '../log';
import { ACCOUNTS_SETTINGS } from './settings-accounts';
import { DESK_SETTINGS } from './settings-desk';
import { GOVERNANCE_SETTINGS } from './settings-governance';
import { LIMIT_SETTINGS } from './settings-limits';
import { SESSIONS_SETTINGS } from './settings-sessions';

export type Kind = 'string' | 'number' | 'boolean' | readonly string[];

/** One setting. */
export interface Setting {
  flag: string;
  env: string;
  kind: Kind;
  help: string;
  apply(o: ServerOptions, value: string | number | boolean): void;
}

const enumOf = <T extends string>(...values: T[]) => values as readonly T[];
const n = (v: string | number | boolean) => v as number;
const str = (v: string | number | boolean) => String(v);

const CORE_SETTINGS: readonly Setting[] = [
  { flag: 'port', env: 'PORT', kind: 'number', help: 'port to listen on (8787; 0 picks a free one)', apply: (o, v) => (o.port = n(v)) },
  { flag: 'host', env: 'HOST', kind: 'string', help: 'address to bind (127.0.0.1)', apply: (o, v) => (o.host = str(v)) },
  { flag: 'data-dir', env: 'DATA_DIR', kind: 'string', help: 'SQLite file and uploads (.data)', apply: (o, v) => (o.dataDir = str(v)) },
  {
    flag: 'database-url',
    env: 'DATABASE_URL',
    kind: 'string',
    help: 'PostgreSQL instead of SQLite; several processes may share it',
    apply: (o, v) => (o.databaseUrl = str(v)),
  },
  {
    flag: 'database-schema',
    env: 'DATABASE_SCHEMA',
    kind: 'string',
    help: 'PostgreSQL schema of the tables',
    apply: (o, v) => (o.databaseSchema = str(v)),
  },
  {
    flag: 'public-url',
    env: 'PUBLIC_URL',
    kind: 'string',
    help: 'base URL of file links behind a proxy',
    apply: (o, v) => (o.publicUrl = str(v).replace(/\/$/, '')),
  },
  {
    flag: 'hours',
    env: 'OPERATOR_HOURS',
    kind: 'string',
    help: 'always, never, or e.g. "Mon-Fri 09:00-18:00"',
    apply: (o, v) => (o.operatorHours = str(v)),
  },
  { flag: 'tz', env: 'OPERATOR_TZ', kind: 'string', help: 'IANA time zone of the hours (UTC)', apply: (o, v) => (o.timeZone = str(v)) },
  {
    flag: 'secret',
    env: 'IDENTITY_SECRET',
    kind: 'string',
    help: 'HMAC secret of identities and codes (the same on every process)',
    apply: (o, v) => (o.identitySecret = str(v)),
  },
  {
    flag: 'operator-token',
    env: 'OPERATOR_TOKEN',
    kind: 'string',
    help: 'bearer token of the admin notifications API (not for the console)',
    apply: (o, v) => (o.operatorToken = str(v)),
  },
  {
    flag: 'metrics-token',
    env: 'METRICS_TOKEN',
    kind: 'string',
    help: 'bearer token of /metrics (else loopback only)',
    apply: (o, v) => (o.metricsToken = str(v)),
  },
  {
    flag: 'drain-ms',
    env: 'SHUTDOWN_DRAIN_MS',
    kind: 'number',
    help: 'how long requests in flight may finish at shutdown (10000)',
    apply: (o, v) => (o.drainMs = n(v)),
  },
  {
    flag: 'log-level',
    env: 'LOG_LEVEL',
    kind: enumOf('info', 'debug', 'silent'),
    help: 'info, debug or silent',
    apply: (o, v) => (o.logLevel = v as LogLevel),
  },
  {
    flag: 'static',
    env: 'STATIC_DIRS',
    kind: 'string',
    help: 'URL prefix=directory pairs, e.g. /=demo,/dist/=dist',
    apply: (o, v) => (o.staticDirs = staticDirs(str(v))),
  },
  {
    flag: 'max-upload-bytes',
    env: 'MAX_UPLOAD_BYTES',
    kind: 'number',
    help: 'largest upload',
    apply: (o, v) => (o.limits = { ...o.limits, maxUploadBytes: n(v) }),
  },
  {
    flag: 'max-frame-bytes',
    env: 'MAX_FRAME_BYTES',
    kind: 'number',
    help: 'largest frame',
    apply: (o, v) => (o.limits = { ...o.limits, maxFrameBytes: n(v) }),
  },
  {
    flag: 'heartbeat-ms',
    env: 'HEARTBEAT_MS',
    kind: 'number',
    help: 'ping interval of customer sockets, ms (25000)',
    apply: (o, v) => (o.heartbeatMs = n(v)),
  },
  {
    flag: 'bot-delay-ms',
    env: 'BOT_DELAY_MS',
    kind: 'number',
    help: "the bot's typing delay (450)",
    apply: (o, v) => (o.botDelayMs = n(v)),
  },
  {
    flag: 'no-verification',
    env: 'VERIFICATION',
    kind: 'boolean',
    help: 'no one-time code before a person (VERIFICATION=0)',
    apply: (o, v) => (o.verification = !v),
  },
  {
    flag: 'no-mask-card-numbers',
    env: 'MASK_CARD_NUMBERS',
    kind: 'boolean',
    help: 'keep card numbers as typed (MASK_CARD_NUMBERS=0)',
    apply: (o, v) => (o.maskCardNumbers = !v),
  },
  {
    flag: 'emergency-phone',
    env: 'EMERGENCY_PHONE',
    kind: 'string',
    help: 'phone line offered while no operator is online',
    apply: (o, v) => (o.emergencyPhone = str(v)),
  },
  {
    flag: 'demo',
    env: 'DEMO',
    kind: 'boolean',
    help: 'demo mode: codes shown in the console, with a banner',
    apply: (o, v) => (o.demo = Boolean(v)),
  },
  {
    flag: 'code-sender',
    env: 'CODE_SENDER',
    kind: enumOf('demo', 'webhook'),
    help: 'how codes reach customers',
    apply: (o, v) => (o.codeSender = v as 'demo' | 'webhook'),
  },
  {
    flag: 'code-webhook-url',
    env: 'CODE_WEBHOOK_URL',
    kind: 'string',
    help: "the webhook sender's URL",
    apply: (o, v) => (o.codeWebhook = { secret: '', ...o.codeWebhook, url: str(v) }),
  },
  {
    flag: 'code-webhook-secret',
    env: 'CODE_WEBHOOK_SECRET',
    kind: 'string',
    help: "the webhook sender's signing secret",
    apply: (o, v) => (o.codeWebhook = { url: '', ...o.codeWebhook, secret: str(v) }),
  },
  {
    flag: 'code-resend-after',
    env: 'CODE_RESEND_AFTER',
    kind: 'number',
    help: 'seconds before a new code (30)',
    apply: (o, v) => (o.verificationPolicy = { ...o.verificationPolicy, resendAfterSeconds: n(v) }),
  },
  {
    flag: 'code-max-attempts',
    env: 'CODE_MAX_ATTEMPTS',
    kind: 'number',
    help: 'guesses per code (5)',
    apply: (o, v) => (o.verificationPolicy = { ...o.verificationPolicy, maxAttempts: n(v) }),
  },
  {
    flag: 'codes-per-hour',
    env: 'CODES_PER_HOUR',
    kind: 'number',
    help: 'codes per session, user and phone an hour (5)',
    apply: (o, v) => (o.verificationPolicy = { ...o.verificationPolicy, maxCodesPerHour: n(v) }),
  },
  {
    flag: 'code-ttl',
    env: 'CODE_TTL',
    kind: 'number',
    help: 'seconds a code lives (300)',
    apply: (o, v) => (o.verificationPolicy = { ...o.verificationPolicy, ttlSeconds: n(v) }),
  },
  {
    flag: 'verification-fallback',
    env: 'VERIFICATION_FALLBACK',
    kind: enumOf('none', 'phone', 'queue'),
    help: '"Didn\'t get a code?" besides a new code',
    apply: (o, v) => (o.verificationFallback = v as 'none' | 'phone' | 'queue'),
  },
];

/** Every setting of `support-chat-server`: the core ones, then each area's. */
export const SETTINGS: readonly Setting[] = [
  ...CORE_SETTINGS,
  ...ACCOUNTS_SETTINGS,
  ...GOVERNANCE_SETTINGS,
  ...SESSIONS_SETTINGS,
  ...DESK_SETTINGS,
  ...LIMIT_SETTINGS,
];

function staticDirs(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const [prefix, dir] = pair.split('=');
    if (prefix && dir) out[prefix] = dir;
  }
  return out;
}
