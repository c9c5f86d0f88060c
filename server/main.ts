/**
 * CLI: `npx tsx server/main.ts [--port 8787] [--host 127.0.0.1] [--data-dir .data]
 *   [--hours "Mon-Fri 09:00-18:00"|always|never] [--tz Europe/Moscow] [--secret …]
 *   [--operator-token …] [--no-verification] [--log-level info|debug|silent]
 *   [--max-upload-bytes N] [--max-frame-bytes N] [--static /=demo,/dist/=dist] [--emergency-phone "+44 …"]`
 * Every flag has an environment variable: PORT, HOST, DATA_DIR, OPERATOR_HOURS, OPERATOR_TZ,
 * IDENTITY_SECRET, OPERATOR_TOKEN, VERIFICATION (0/1), LOG_LEVEL, MAX_UPLOAD_BYTES, MAX_FRAME_BYTES,
 * EMERGENCY_PHONE.
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
  limits,
  staticDirs,
};
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
