// Consumer apps built with Vite against the built package (`npm run build` first; scripts/test-all.mjs
// runs this file after the build): an app ships only what it imports.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Messages } from '../../src/i18n/messages';
import { en } from '../../src/i18n/locales/en';
import { BOT_CONTENT } from '../../src/transports/memory/bot-content';
import { buildApp, requireBuild, ROOT } from './vite-app';

const KB = 1024;
const LOCALE_FILE = /^[a-z]{2,3}(-[A-Z][A-Za-z]{1,3})?\.ts$/;
const localeCodes = readdirSync(join(ROOT, 'src/i18n/locales'))
  .filter((f) => LOCALE_FILE.test(f))
  .map((f) => f.slice(0, -3));

/** Strings of a table that differ from English and are long enough not to occur by chance. */
async function markersOf(code: string): Promise<string[]> {
  const mod = (await import(`../../src/i18n/locales/${code}.ts`)) as Record<string, unknown>;
  // The module's table: the export with every key of the English one.
  const table = Object.values(mod).find((v): v is Messages => typeof v === 'object' && v !== null && Object.keys(en).every((k) => k in v));
  if (!table) throw new Error(`src/i18n/locales/${code}.ts exports no complete table`);
  const english = en as Record<string, unknown>;
  return Object.entries(table)
    .filter(([key, value]) => typeof value === 'string' && value.length >= 12 && value !== english[key])
    .map(([, value]) => JSON.stringify(value).slice(1, -1));
}

/** Strings only the memory transport's demo bot carries (its greetings, in every language). */
const botMarkers = Object.values(BOT_CONTENT).map((c) => c.greeting);
/** ky's own error text (its TimeoutError's message): present in any bundle that carries ky. */
const kyMarker = 'Request timed out: ';

let foreignMarkers: Map<string, string[]>;
beforeAll(async () => {
  requireBuild();
  const all = new Map<string, string[]>();
  for (const code of localeCodes.filter((c) => c !== 'en')) all.set(code, await markersOf(code));
  // A table's markers are its strings that no other table has (close languages share some).
  foreignMarkers = new Map(
    [...all].map(([code, markers]) => [
      code,
      markers.filter((m) => ![...all].some(([other, theirs]) => other !== code && theirs.includes(m))),
    ]),
  );
});

const expectNoForeignTables = (code: string) => {
  for (const [locale, markers] of foreignMarkers) {
    expect(markers.length, `${locale} has marker strings`).toBeGreaterThan(0);
    for (const m of markers) expect(code.includes(m), `the ${locale} table ("${m}")`).toBe(false);
  }
};

describe('a Vite app that imports only what it uses', () => {
  it('imports the WebSocket transport alone: no ky, no memory bot, no table other than English', async () => {
    const app = await buildApp(
      "import { createWebSocketTransport } from 'support-chat/websocket';\n" +
        "console.log(createWebSocketTransport({ url: 'wss://chat.example.com/swp/v1/ws' }));\n",
    );
    // The transport itself is there (a log message of its liveness check).
    expect(app.code).toContain('checkAlive');
    expect(app.code).not.toContain(kyMarker);
    for (const m of botMarkers) expect(app.code).not.toContain(JSON.stringify(m).slice(1, -1));
    expectNoForeignTables(app.code);
    expect(app.gzip).toBeLessThan(18 * KB);
  });

  it('takes the same transport from the main entry and ships the same: the whole widget does not come along', async () => {
    const viaMain = await buildApp(
      "import { createWebSocketTransport } from 'support-chat';\n" +
        "console.log(createWebSocketTransport({ url: 'wss://chat.example.com/swp/v1/ws' }));\n",
    );
    expect(viaMain.code).toContain('checkAlive');
    expect(viaMain.code).not.toContain(kyMarker);
    expectNoForeignTables(viaMain.code);
    expect(viaMain.gzip).toBeLessThan(18 * KB);
  });

  it('imports only VERSION: under 1 KB gzip', async () => {
    const app = await buildApp("import { VERSION } from 'support-chat';\nconsole.log(VERSION);\n");
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
    expect(app.code).toContain(version);
    expect(app.code).not.toContain('checkAlive');
    expectNoForeignTables(app.code);
    expect(app.gzip).toBeLessThan(1 * KB);
  });

  it('imports the HTTP transport: ky comes with it, and still no memory bot', async () => {
    const app = await buildApp(
      "import { createHttpTransport } from 'support-chat/http';\nconsole.log(createHttpTransport({ baseUrl: 'https://chat.example.com' }));\n",
    );
    expect(app.code).toContain(kyMarker);
    for (const m of botMarkers) expect(app.code).not.toContain(JSON.stringify(m).slice(1, -1));
    expectNoForeignTables(app.code);
  });

  it.each(localeCodes.filter((c) => c !== 'en'))('imports support-chat/locales/%s: that table and no other', async (code) => {
    const app = await buildApp(`import * as table from 'support-chat/locales/${code}';\nconsole.log(table);\n`);
    const own = foreignMarkers.get(code) ?? [];
    expect(own.some((m) => app.code.includes(m))).toBe(true);
    for (const [locale, markers] of foreignMarkers)
      if (locale !== code) for (const m of markers) expect(app.code.includes(m), `the ${locale} table`).toBe(false);
  });
});
