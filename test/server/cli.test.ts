/** The server's settings: strict flags, the environment, a config file, and their precedence. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { helpText, readSettings, SETTINGS } from '../../server/cli/settings';

const dir = mkdtempSync(path.join(tmpdir(), 'sc-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('support-chat-server settings', () => {
  it('has the documented defaults', () => {
    const { options } = readSettings([], {});
    expect(options).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      dataDir: '.data',
      operatorHours: 'always',
      timeZone: 'UTC',
      logLevel: 'info',
    });
    expect(options.verification).toBeUndefined(); // resolveConfig makes it true
  });

  it('refuses unknown flags, positionals and bad values with a message naming them', () => {
    expect(() => readSettings(['--prot', '80'], {})).toThrow(/Unknown option '--prot'/);
    expect(() => readSettings(['serve'], {})).toThrow(/positional/i);
    expect(() => readSettings(['--port', 'eighty'], {})).toThrow(/port must be a non-negative number/);
    expect(() => readSettings(['--log-level', 'loud'], {})).toThrow(/log-level must be one of info, debug, silent/);
    expect(() => readSettings(['--code-webhook-url', 'https://sms.example'], {})).toThrow(/go together/);
  });

  it('flag beats environment beats config file', () => {
    const file = path.join(dir, 'server.json');
    writeFileSync(
      file,
      JSON.stringify({ port: 9000, host: '0.0.0.0', 'public-url': 'https://chat.example.com/', 'no-verification': true }),
    );
    const { options } = readSettings(['--config', file, '--port', '9002'], { PORT: '9001', OPERATOR_TZ: 'Europe/Moscow' });
    expect(options).toMatchObject({
      port: 9002,
      host: '0.0.0.0',
      timeZone: 'Europe/Moscow',
      publicUrl: 'https://chat.example.com',
      verification: false,
    });
  });

  it('reads switches from the environment the way they always were (VERIFICATION=0, DEMO=1)', () => {
    expect(readSettings([], { VERIFICATION: '0', MASK_CARD_NUMBERS: '0', DEMO: '1' }).options).toMatchObject({
      verification: false,
      maskCardNumbers: false,
      demo: true,
    });
    expect(readSettings([], { VERIFICATION: '1' }).options.verification).toBe(true);
  });

  it('refuses a config file with an unknown key or that is not an object', () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ prot: 1 }));
    expect(() => readSettings(['--config', bad], {})).toThrow(/unknown setting "prot"/);
    writeFileSync(bad, '[1]');
    expect(() => readSettings(['--config', bad], {})).toThrow(/expected a JSON object/);
  });

  it('--help lists every flag with its variable', () => {
    const text = helpText();
    for (const s of SETTINGS) expect(text).toContain(`--${s.flag}`);
    for (const s of SETTINGS) expect(text).toContain(s.env);
  });
});
