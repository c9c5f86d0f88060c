/**
 * CLI: `npx tsx server/main.ts [--port 8787] [--host 127.0.0.1] [--data-dir .data]
 *   [--hours "Mon-Fri 09:00-18:00"|always|never] [--tz Europe/Moscow] [--secret …]
 *   [--operator-token …] [--no-verification] [--log-level info|debug|silent]
 *   [--max-upload-bytes N] [--max-frame-bytes N] [--static /=demo,/dist/=dist]
 *   [--database-url postgres://…] [--database-schema NAME] [--bot-delay-ms N]
 *   [--public-url https://chat.example.com] [--metrics-token …] [--drain-ms 10000]
 *   [--emergency-phone "+7 800 555-35-35"] [--no-mask-card-numbers]
 *   [--demo] [--code-sender demo|webhook] [--code-webhook-url URL] [--code-webhook-secret S]
 *   [--code-resend-after S] [--code-max-attempts N] [--codes-per-hour N] [--code-ttl S]
 *   [--verification-fallback none|phone|queue]`
 * Every flag has an environment variable: PORT, HOST, DATA_DIR, OPERATOR_HOURS, OPERATOR_TZ,
 * IDENTITY_SECRET, OPERATOR_TOKEN, VERIFICATION (0/1), LOG_LEVEL, MAX_UPLOAD_BYTES, MAX_FRAME_BYTES,
 * DATABASE_URL (PostgreSQL instead of the embedded SQLite; several processes may share it), DATABASE_SCHEMA,
 * BOT_DELAY_MS, PUBLIC_URL, METRICS_TOKEN, SHUTDOWN_DRAIN_MS, EMERGENCY_PHONE, MASK_CARD_NUMBERS (0/1),
 * DEMO (1), CODE_SENDER, CODE_WEBHOOK_URL, CODE_WEBHOOK_SECRET, CODE_RESEND_AFTER, CODE_MAX_ATTEMPTS,
 * CODES_PER_HOUR, CODE_TTL, VERIFICATION_FALLBACK.
 * @module
 */
import { startServer, type ServerOptions } from './app';
import type { LogLevel } from './log';

function flags(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) out.set(a.slice(2), argv[++i]!);
    else out.set(a.slice(2), 'true');
  }
  return out;
}

const f = flags(process.argv.slice(2));
const env = process.env;
const pick = (flag: string, name: string): string | undefined => f.get(flag) ?? env[name];
const num = (v: string | undefined): number | undefined =>
  v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;

const staticSpec = pick('static', 'STATIC_DIRS');
const staticDirs: Record<string, string> = {};
for (const pair of staticSpec?.split(',') ?? []) {
  const [prefix, dir] = pair.split('=');
  if (prefix && dir) staticDirs[prefix] = dir;
}
const limits: NonNullable<ServerOptions['limits']> = {};
const maxUpload = num(pick('max-upload-bytes', 'MAX_UPLOAD_BYTES'));
if (maxUpload !== undefined) limits.maxUploadBytes = maxUpload;
const maxFrame = num(pick('max-frame-bytes', 'MAX_FRAME_BYTES'));
if (maxFrame !== undefined) limits.maxFrameBytes = maxFrame;

const options: ServerOptions = {
  port: num(pick('port', 'PORT')) ?? 8787,
  host: pick('host', 'HOST') ?? '127.0.0.1',
  dataDir: pick('data-dir', 'DATA_DIR') ?? '.data',
  operatorHours: pick('hours', 'OPERATOR_HOURS') ?? 'always',
  timeZone: pick('tz', 'OPERATOR_TZ') ?? 'UTC',
  logLevel: (pick('log-level', 'LOG_LEVEL') as LogLevel | undefined) ?? 'info',
  verification: f.has('no-verification') ? false : env.VERIFICATION !== '0',
  maskCardNumbers: f.has('no-mask-card-numbers') ? false : env.MASK_CARD_NUMBERS !== '0',
  limits,
  staticDirs,
};
const botDelay = num(pick('bot-delay-ms', 'BOT_DELAY_MS'));
if (botDelay !== undefined) options.botDelayMs = botDelay;
const publicUrl = pick('public-url', 'PUBLIC_URL');
if (publicUrl) options.publicUrl = publicUrl.replace(/\/$/, '');
const metricsToken = pick('metrics-token', 'METRICS_TOKEN');
if (metricsToken) options.metricsToken = metricsToken;
const drainMs = num(pick('drain-ms', 'SHUTDOWN_DRAIN_MS'));
if (drainMs !== undefined) options.drainMs = drainMs;
const databaseUrl = pick('database-url', 'DATABASE_URL');
if (databaseUrl) options.databaseUrl = databaseUrl;
const databaseSchema = pick('database-schema', 'DATABASE_SCHEMA');
if (databaseSchema) options.databaseSchema = databaseSchema;
const demo = f.has('demo') || env.DEMO === '1';
if (demo) options.demo = true;
const sender = pick('code-sender', 'CODE_SENDER');
if (sender === 'demo' || sender === 'webhook') options.codeSender = sender;
const hookUrl = pick('code-webhook-url', 'CODE_WEBHOOK_URL');
const hookSecret = pick('code-webhook-secret', 'CODE_WEBHOOK_SECRET');
if (hookUrl && hookSecret) options.codeWebhook = { url: hookUrl, secret: hookSecret };
if (hookUrl && hookSecret && sender === undefined) options.codeSender = 'webhook';
const policy: NonNullable<ServerOptions['verificationPolicy']> = {};
const setPolicy = (key: keyof typeof policy, flag: string, name: string): void => {
  const v = num(pick(flag, name));
  if (v !== undefined) policy[key] = v;
};
setPolicy('resendAfterSeconds', 'code-resend-after', 'CODE_RESEND_AFTER');
setPolicy('maxAttempts', 'code-max-attempts', 'CODE_MAX_ATTEMPTS');
setPolicy('maxCodesPerHour', 'codes-per-hour', 'CODES_PER_HOUR');
setPolicy('ttlSeconds', 'code-ttl', 'CODE_TTL');
options.verificationPolicy = policy;
const fallback = pick('verification-fallback', 'VERIFICATION_FALLBACK');
if (fallback === 'none' || fallback === 'phone' || fallback === 'queue') options.verificationFallback = fallback;
const secret = pick('secret', 'IDENTITY_SECRET');
if (secret) options.identitySecret = secret;
const emergencyPhone = pick('emergency-phone', 'EMERGENCY_PHONE');
if (emergencyPhone) options.emergencyPhone = emergencyPhone;
const opToken = pick('operator-token', 'OPERATOR_TOKEN');
if (opToken) options.operatorToken = opToken;

const server = await startServer(options);
process.stdout.write(JSON.stringify({ level: 'info', msg: 'ready', url: server.url, console: server.consoleUrl, ws: server.wsUrl }) + '\n');
const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
