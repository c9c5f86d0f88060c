// Prints where the bytes of the built script-tag files go: the rendered (minified) bytes of each
// source module, read from the file's source map, largest first, with a per-area summary
// (src/core, src/ui/panel, node_modules/preact…). Run `npm run build` first.
//   node scripts/size-modules.mjs                      the first stage and the panel stage
//   node scripts/size-modules.mjs panel transcript     those stages (`iife` is the first stage)
//   node scripts/size-modules.mjs --top 15             rows per file (default 25)
// A module's bytes are the spans of generated code its mappings start, so glue code the bundler
// adds (the IIFE wrapper, shared-binding lookups) counts as "(unmapped)". A module's gzip figure
// is its bytes compressed alone: an upper bound of what it adds to the compressed file.
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { decode } from '@jridgewell/sourcemap-codec';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
const names = args.filter((a, i) => !a.startsWith('--') && (topAt < 0 || i !== topAt + 1));
const files = (names.length ? names : ['iife', 'panel']).map((n) => `dist/support-chat.${n}.js`);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** The source path as a short module name (`src/ui/panel/Panel.tsx`, `preact/hooks`). */
function moduleName(source) {
  const path = source.replace(/^(\.\.\/)+/, '').replace(/^.*?node_modules\//, 'node_modules/');
  return path.startsWith('node_modules/') || path.startsWith('src/') ? path : `src/${path}`;
}
/** The area a module counts in: its package, or its first two folders under src. */
function areaOf(name) {
  const parts = name.split('/');
  if (parts[0] === 'node_modules') return parts[1].startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1];
  return parts.length > 3 ? parts.slice(0, 3).join('/') : parts.slice(0, 2).join('/');
}

function measure(file) {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const lines = code.split('\n');
  const bytes = new Map();
  const text = new Map();
  const add = (name, chunk) => {
    bytes.set(name, (bytes.get(name) ?? 0) + Buffer.byteLength(chunk));
    text.set(name, (text.get(name) ?? '') + chunk);
  };
  decode(map.mappings).forEach((segments, line) => {
    const src = lines[line] ?? '';
    let at = 0;
    let owner = '(unmapped)';
    for (const seg of segments) {
      if (seg[0] > at) add(owner, src.slice(at, seg[0]));
      at = seg[0];
      owner = seg.length > 1 ? moduleName(map.sources[seg[1]]) : '(unmapped)';
    }
    add(owner, `${src.slice(at)}\n`);
  });
  return { total: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length, bytes, text };
}

for (const file of files) {
  if (!existsSync(file) || !existsSync(`${file}.map`)) {
    console.error(`size-modules: ${file} (or its .map) is missing: run npm run build first`);
    process.exit(1);
  }
  const { total, gzip, bytes, text } = measure(file);
  const rows = [...bytes].sort((a, b) => b[1] - a[1]);
  console.log(`\n${file}: ${kb(total)} raw, ${kb(gzip)} gzip, ${bytes.size} modules`);
  console.log(`  ${'module'.padEnd(58)} ${'raw'.padStart(9)} ${'share'.padStart(6)} ${'gzip alone'.padStart(11)}`);
  for (const [name, n] of rows.slice(0, top)) {
    const alone = gzipSync(text.get(name), { level: 9 }).length;
    console.log(`  ${name.padEnd(58)} ${kb(n).padStart(9)} ${`${((n / total) * 100).toFixed(1)}%`.padStart(6)} ${kb(alone).padStart(11)}`);
  }
  if (rows.length > top) console.log(`  … ${rows.length - top} more (--top N)`);
  const areas = new Map();
  for (const [name, n] of rows) areas.set(areaOf(name), (areas.get(areaOf(name)) ?? 0) + n);
  console.log(
    `  by area: ${[...areas]
      .sort((a, b) => b[1] - a[1])
      .map(([a, n]) => `${a} ${kb(n)}`)
      .join(', ')}`,
  );
}
