// The package as npm publishes it (`npm pack`), checked offline after the build by the two
// tools consumers' problems are usually found with: publint --strict (package.json fields,
// exports, files) and @arethetypeswrong/cli (the types every entry resolves to under bundler and
// node16 from ESM; the package is ESM-only, so the `esm-only` profile leaves out node10 and
// require()). `./locales/*` is a pattern attw does not expand: each built locale is named.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const locales = readdirSync('dist/esm/locales')
  .filter((f) => f.endsWith('.js'))
  .map((f) => `./locales/${f.slice(0, -3)}`);
const checks = [
  ['publint', ['--strict']],
  ['attw', ['--pack', '.', '--profile', 'esm-only', '--format', 'ascii', '--include-entrypoints', ...locales]],
];
let ok = true;
for (const [tool, args] of checks) {
  console.log(`check-package: ${tool} ${args.join(' ')}`);
  const r = spawnSync('npx', ['--no-install', tool, ...args], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`check-package: ${tool} reported problems`);
    ok = false;
  }
}
process.exit(ok ? 0 : 1);
