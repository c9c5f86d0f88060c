// The README's test command: typecheck, unit tests, build, consumer types, package checks,
// consumer apps, size budget, real-browser tests.
// Prints one closing line "N passed, N failed" summed over every vitest run.
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, rmSync } from 'node:fs';

const results = '.tmp/test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
let passed = 0;
let failed = 0;

function run(title, cmd, args) {
  console.log(`\n=== ${title}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  console.log(`=== ${title}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

function vitest(title, config, file) {
  const out = `${results}/${file}.json`;
  const ok = run(title, 'npx', ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  try {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    if (!ok && report.numFailedTests === 0) failed += 1;
  } catch {
    failed += 1;
  }
  return ok;
}

const steps = [
  () =>
    (run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']) &&
      // Core and protocol again without DOM or Node types: a host-specific API there fails here.
      run('typecheck core and protocol (ES2022, no DOM, no Node)', 'npx', ['tsc', '-p', 'tsconfig.core.json', '--noEmit'])) ||
    ((failed += 1), false),
  // Lint and format, one tool (biome.json): `npm run format` rewrites what this refuses.
  () => run('lint and format', 'npx', ['biome', 'check', '.']) || ((failed += 1), false),
  // A real PostgreSQL for the store and two-process tests (installed when missing and root).
  () => run('postgresql', 'node', ['scripts/ensure-postgres.mjs']) || ((failed += 1), false),
  () => vitest('unit and integration tests', 'vitest.config.ts', 'unit'),
  () => run('build', 'npm', ['run', '--silent', 'build']) || ((failed += 1), false),
  () =>
    run('public types as an npm consumer sees them', 'npx', [
      'tsc',
      '--ignoreConfig',
      '--noEmit',
      '--strict',
      '--moduleResolution',
      'bundler',
      '--module',
      'esnext',
      '--target',
      'es2020',
      '--lib',
      'es2022,dom',
      'test/types/consumer.ts',
      'test/types/consumer-subpaths.ts',
      'test/types/consumer-frameworks.ts',
    ]) || ((failed += 1), false),
  // The same outside a bundler: node16/nodenext need `.js` on every relative specifier of the
  // declarations, and the package's `exports` (a self-reference) must lead to them.
  ...['node16', 'nodenext'].map(
    (mode) => () =>
      run(`public types under ${mode} resolution`, 'npx', [
        'tsc',
        '--ignoreConfig',
        '--noEmit',
        '--strict',
        '--moduleResolution',
        mode,
        '--module',
        mode,
        '--target',
        'es2022',
        '--lib',
        'es2022,dom',
        'test/types/consumer-nodenext.mts',
        'test/types/consumer-subpaths.ts',
        'test/types/consumer-frameworks.ts',
      ]) || ((failed += 1), false),
  ),
  // The package as published: publint --strict and attw over `npm pack`, offline.
  () => run('package checks (publint, attw)', 'node', ['scripts/check-package.mjs']) || ((failed += 1), false),
  () => run('size', 'node', ['scripts/size.mjs', '--check']) || ((failed += 1), false),
  () => run('chromium', 'node', ['scripts/ensure-chromium.mjs']) || ((failed += 1), false),
  // Consumer apps built with Vite against the built package (needs the build, so not with the unit
  // tests; the whole-widget app runs in Chromium).
  () => vitest('consumer apps (Vite builds of the package)', 'vitest.consumers.config.ts', 'consumers'),
  () => vitest('real-browser tests (headless Chromium)', 'vitest.browser.config.ts', 'browser'),
];
let ok = true;
for (const step of steps) {
  const stepOk = step();
  ok = ok && stepOk;
  // Later steps need the build; stop early if it failed.
  if (!stepOk && failed > 0 && step === steps[4]) break;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
