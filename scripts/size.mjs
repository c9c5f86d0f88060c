// Prints raw, gzip and brotli bytes of each built file against its budget, and what a page
// downloads at each step of the script-tag path (stage 0 alone on a first visit, then the engine,
// then the panel). A budget is gzip bytes; `brotli` is a brotli budget beside it.
// A budget is a printed measurement (like the benchmarks), not a timed test: `--check` makes a
// file or a step over its budget, or a stale figure in the README's Size table, fail the command
// (npm test passes it).
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const KB = 1024;
/** The locale registry: each language's stage file and its budget (gzip KB). */
const LOCALES = JSON.parse(readFileSync('src/i18n/locales.json', 'utf8'));
const LOCALE_FILES = Object.entries(LOCALES)
  .filter(([code]) => code !== 'en')
  .map(([code, { name, budgetKb }]) => ({
    file: `dist/support-chat.locale-${code}.js`,
    what: `stage: ${name} strings (${code})`,
    budget: budgetKb * KB,
  }));
/** Built files; `budget` is gzip bytes, `brotli` brotli bytes. */
const FILES = [
  { file: 'dist/support-chat.iife.js', what: 'script tag, stage 0: command queue, launcher, badge', budget: 9 * KB, brotli: 10 * KB },
  { file: 'dist/support-chat.engine.js', what: 'stage: engine, launcher, WebSocket (on intent)', budget: 50 * KB },
  { file: 'dist/support-chat.panel.js', what: 'stage: the chat dialog (preact, styles)', budget: 26.5 * KB },
  { file: 'dist/support-chat.http.js', what: 'stage: HTTP long-polling transport (ky)', budget: 10 * KB },
  { file: 'dist/support-chat.memory.js', what: 'stage: in-page memory transport, demo bot', budget: 8.5 * KB },
  { file: 'dist/support-chat.chatwoot.js', what: 'stage: Chatwoot adapter (REST + ActionCable)', budget: 8 * KB },
  { file: 'dist/support-chat.rasa.js', what: 'stage: Rasa adapter (REST, Socket.IO over WebSocket)', budget: 6 * KB },
  { file: 'dist/support-chat.alerts.js', what: 'stage: sound and title badge (when turned on)', budget: 2 * KB },
  // One row per built-in language but English, from the locale registry.
  ...LOCALE_FILES,
  { file: 'dist/support-chat.transcript.js', what: 'stage: transcript writer (when a customer saves one)', budget: 3 * KB },
  { file: 'dist/support-chat.sensitive.js', what: 'stage: card-number and code detector (first message with digits)', budget: 3 * KB },
  { file: 'dist/support-chat.verify.js', what: 'stage: the identity-code step (a handoff asks for a code)', budget: 3.5 * KB },
  { file: 'dist/support-chat.ending.js', what: 'stage: rating and transcript download (a conversation ends)', budget: 3 * KB },
  { file: 'dist/support-chat.conversations.js', what: 'stage: the conversation list (several conversations)', budget: 3 * KB },
  { file: 'dist/support-chat.offline.js', what: 'stage: offline card, leave a message (nobody online)', budget: 3.5 * KB },
  { file: 'dist/support-chat.preview.js', what: 'stage: what the operator will see (waiting for a person)', budget: 3 * KB },
  { file: 'dist/support-chat.guard.js', what: "stage: the sensitive-data guard's card (with the detector)", budget: 1.5 * KB },
  { file: 'dist/support-chat.js', what: 'npm ESM, whole widget, dependencies external' },
];
/** What a page downloads on the script-tag path, by step. */
const S0 = 'dist/support-chat.iife.js';
const ENGINE = 'dist/support-chat.engine.js';
const STEPS = [
  { what: 'first visit: stage 0 only', files: [S0], budget: 9 * KB, brotli: 10 * KB },
  { what: 'WebSocket: engine in (intent)', files: [S0, ENGINE], budget: 58 * KB },
  { what: 'WebSocket: with the dialog', files: [S0, ENGINE, 'dist/support-chat.panel.js'], budget: 84 * KB },
  {
    what: 'WebSocket: a handoff with the code step',
    files: [S0, ENGINE, 'dist/support-chat.panel.js', 'dist/support-chat.preview.js', 'dist/support-chat.verify.js'],
    budget: 89.5 * KB,
  },
  {
    what: 'WebSocket: the end, rating',
    files: [S0, ENGINE, 'dist/support-chat.panel.js', 'dist/support-chat.ending.js'],
    budget: 86 * KB,
  },
  { what: 'WebSocket, Russian: engine in', files: [S0, ENGINE, 'dist/support-chat.locale-ru.js'], budget: 62 * KB },
  { what: 'WebSocket, Arabic: engine in', files: [S0, ENGINE, 'dist/support-chat.locale-ar.js'], budget: 62 * KB },
  { what: 'HTTP: engine in', files: [S0, ENGINE, 'dist/support-chat.http.js'], budget: 66.5 * KB },
  {
    what: 'HTTP: with the dialog',
    files: [S0, ENGINE, 'dist/support-chat.http.js', 'dist/support-chat.panel.js'],
    budget: 92.5 * KB,
  },
  { what: 'Chatwoot: engine in', files: [S0, ENGINE, 'dist/support-chat.chatwoot.js'], budget: 65.5 * KB },
  { what: 'Rasa: engine in', files: [S0, ENGINE, 'dist/support-chat.rasa.js'], budget: 63.5 * KB },
];

const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const sizes = new Map();
for (const { file } of FILES) {
  if (!existsSync(file)) {
    console.error(`size: ${file} is missing: run npm run build first`);
    process.exit(1);
  }
  const buf = readFileSync(file);
  sizes.set(file, {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  });
}

let over = false;
const verdict = (bytes, budget, kind = '') => {
  if (!budget) return '-';
  if (bytes > budget) over = true;
  return `${kb(budget)}${kind} ${bytes <= budget ? 'ok' : 'OVER'}`;
};
const row = (name, s, budget, brotli) =>
  `${name.padEnd(36)} ${kb(s.raw).padStart(9)} ${kb(s.gzip).padStart(9)} ${kb(s.brotli).padStart(9)}    ${verdict(s.gzip, budget)}${brotli ? `, ${verdict(s.brotli, brotli, ' brotli')}` : ''}`;

console.log(`${'file'.padEnd(36)} ${'raw'.padStart(9)} ${'gzip'.padStart(9)} ${'brotli'.padStart(9)}    budget(gzip)`);
for (const { file, what, budget, brotli } of FILES) console.log(`${row(file, sizes.get(file), budget, brotli)}   ${what}`);
console.log(`\n${'script tag, downloaded'.padEnd(36)} ${'raw'.padStart(9)} ${'gzip'.padStart(9)} ${'brotli'.padStart(9)}    budget(gzip)`);
for (const { what, files, budget, brotli } of STEPS) {
  const sum = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) for (const k of Object.keys(sum)) sum[k] += sizes.get(f)[k];
  console.log(row(what, sum, budget, brotli));
}
// The README's Size table must tell the truth: each file's figure within README_SLACK of today's
// gzip size, and its budget the one enforced here.
const README_SLACK = 1 * KB;
const stale = [];
const readme = readFileSync('README.md', 'utf8');
for (const { file, budget } of FILES) {
  if (!budget) continue;
  const name = file.replace('dist/', '');
  const m = new RegExp(`^\\| \`${name.replace(/\./g, '\\.')}\`[^|]*\\| ([\\d.]+) KB \\| ([\\d.]+) KB \\|`, 'm').exec(readme);
  const gzip = sizes.get(file).gzip;
  if (!m) stale.push(`${name}: no row in the README's Size table`);
  else if (Math.abs(Number(m[1]) * KB - gzip) > README_SLACK || Number(m[2]) * KB !== budget) {
    stale.push(`${name}: README says ${m[1]} KB (budget ${m[2]} KB), measured ${kb(gzip)} (budget ${kb(budget)})`);
  }
}
console.log(stale.length ? `\nREADME Size table is stale:\n  ${stale.join('\n  ')}` : '\nREADME Size table: matches');

if (over) console.log('\nsize: over budget');
if ((over || stale.length) && process.argv.includes('--check')) process.exit(1);
