// Prints raw, gzip and brotli bytes of each built entry against its budget.
// A budget is a printed measurement (like the benchmarks), not a test: `--check` makes an
// entry over its budget fail the command.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const BUDGET_GZIP = { 'dist/support-chat.iife.js': 40 * 1024 };
const entries = ['dist/support-chat.js', 'dist/support-chat.iife.js'];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let over = false;
console.log('entry                        raw        gzip      brotli    budget(gzip)');
for (const file of entries) {
  if (!existsSync(file)) {
    console.error(`size: ${file} is missing: run npm run build first`);
    process.exit(1);
  }
  const buf = readFileSync(file);
  const gz = gzipSync(buf, { level: 9 }).length;
  const br = brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const budget = BUDGET_GZIP[file];
  const status = budget ? (gz <= budget ? `${kb(budget)} ok` : `${kb(budget)} OVER`) : '-';
  if (budget && gz > budget) over = true;
  console.log(`${file.padEnd(28)} ${kb(buf.length).padStart(9)} ${kb(gz).padStart(9)} ${kb(br).padStart(9)}    ${status}`);
}
if (over) {
  console.log('\nsize: over budget (see the README "Size" section for the plan)');
  if (process.argv.includes('--check')) process.exit(1);
}
