/**
 * The server's settings as the command line, the environment and a config file give them: one
 * table, read with `node:util` `parseArgs` in strict mode (an unknown or malformed flag is an error,
 * never ignored). Precedence: flag > environment variable > config file (`--config file.json`,
 * keys are the flag names) > default.
 * @module
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ServerOptions } from '../config';

import { type Setting, SETTINGS } from './settings-table';

export { SETTINGS, type Setting } from './settings-table';

/** A setting that cannot be taken; the message names it and says why. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** A raw value (string from argv or env, anything from JSON) as the setting's kind. */
function parseValue(s: Setting, raw: unknown, from: string): string | number | boolean {
  if (s.kind === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    // VERIFICATION=0 / MASK_CARD_NUMBERS=0 turn a feature off: the flag form is the negation.
    if (s.flag.startsWith('no-') && from === 'environment') return raw === '0' || raw === 'false';
    if (raw === '1' || raw === 'true') return true;
    if (raw === '0' || raw === 'false') return false;
    throw new SettingsError(`${from}: ${s.flag} must be true or false, got ${JSON.stringify(raw)}`);
  }
  if (s.kind === 'number') {
    const v = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    if (!Number.isFinite(v) || v < 0)
      throw new SettingsError(`${from}: ${s.flag} must be a non-negative number, got ${JSON.stringify(raw)}`);
    return v;
  }
  if (typeof raw !== 'string' || raw === '') throw new SettingsError(`${from}: ${s.flag} must be a non-empty string`);
  if (Array.isArray(s.kind) && !s.kind.includes(raw))
    throw new SettingsError(`${from}: ${s.flag} must be one of ${s.kind.join(', ')}, got "${raw}"`);
  return raw;
}

/** Reads argv (strict), the environment and the config file into server options. */
export function readSettings(argv: string[], env: NodeJS.ProcessEnv): { options: ServerOptions; help: boolean } {
  const spec: Record<string, { type: 'string' | 'boolean' }> = { config: { type: 'string' }, help: { type: 'boolean' } };
  for (const s of SETTINGS) spec[s.flag] = { type: s.kind === 'boolean' ? 'boolean' : 'string' };
  let parsed: ReturnType<typeof parseArgs<{ options: typeof spec; strict: true; allowPositionals: false }>>;
  try {
    parsed = parseArgs({ args: argv, options: spec, strict: true, allowPositionals: false });
  } catch (e) {
    throw new SettingsError(`${(e as Error).message} (see --help)`);
  }
  const flags = parsed.values as Record<string, string | boolean | undefined>;
  const file = typeof flags.config === 'string' ? flags.config : env.CONFIG_FILE;
  const fromFile = file ? configFile(file) : {};
  const options: ServerOptions = {
    port: 8787,
    host: '127.0.0.1',
    dataDir: '.data',
    operatorHours: 'always',
    timeZone: 'UTC',
    logLevel: 'info',
  };
  for (const s of SETTINGS) {
    const sources: Array<[string, unknown]> = [
      ['flag', flags[s.flag]],
      ['environment', env[s.env]],
      [`config file ${file}`, fromFile[s.flag]],
    ];
    const hit = sources.find(([, v]) => v !== undefined && v !== '');
    if (hit) s.apply(options, parseValue(s, hit[1], hit[0]));
  }
  if (options.codeWebhook && (!options.codeWebhook.url || !options.codeWebhook.secret))
    throw new SettingsError('code-webhook-url and code-webhook-secret go together');
  if (options.codeWebhook && options.codeSender === undefined) options.codeSender = 'webhook';
  return { options, help: flags.help === true };
}

function configFile(file: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SettingsError(`config file ${file}: ${(e as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new SettingsError(`config file ${file}: expected a JSON object`);
  const known = new Set(SETTINGS.map((s) => s.flag));
  for (const key of Object.keys(data)) if (!known.has(key)) throw new SettingsError(`config file ${file}: unknown setting "${key}"`);
  return data as Record<string, unknown>;
}

/** The `--help` text. */
export function helpText(): string {
  const rows = SETTINGS.map((s) => `  --${s.flag.padEnd(22)} ${s.env.padEnd(22)} ${s.help}`);
  return [
    'Usage: support-chat-server [flags]   (each flag also as an environment variable, or in --config file.json)',
    '',
    `  --${'config FILE'.padEnd(22)} ${'CONFIG_FILE'.padEnd(22)} JSON object whose keys are the flag names`,
    ...rows,
    '',
  ].join('\n');
}
