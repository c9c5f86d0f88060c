// Builds the library:
// - dist/support-chat.js: ESM for bundlers (dependencies external), the whole widget;
// - dist/support-chat.iife.js: the script tag's stage 0 (src/embed/stage0): window.SupportChat's
//   command queue and the launcher, no engine; it loads dist/support-chat.engine.js (the first
//   stage: engine, launcher, WebSocket transport) on intent, on open or in idle time;
// - dist/support-chat.{panel,http,memory,chatwoot,rasa,locale-<code>,transcript}.js: stage files it loads when needed
//   (src/embed/stages; one locale stage per language of src/i18n/locales.json but English);
// - dist/support-chat.{verify,ending,conversations,offline,preview,guard}.js: the dialog's rarely met
//   flows, stages over the panel stage (PANEL_STAGES): they take what they share with the panel from
//   it (SupportChat.__panel.pN, exposed by the panel stage the way the first stage exposes __shared);
// - source maps, and .d.ts files in dist/types/.
//
// A stage file must use the first stage's copy of every module both contain (one preact, one
// signals graph, one engine). So: (1) build the first stage to learn its modules; (2) build each
// stage with those modules external and read which bindings it imports; (3) build the first stage
// again exposing exactly those bindings as SupportChat.__shared.kN; (4) build each stage as a
// classic script that takes them from there. All carry one build id (a hash of every stage's
// code), and the first stage refuses a stage file from another build (a stale cache, two
// versions on a page).
import { build } from 'vite';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { addJsSpecifiers } from './lib/js-specifiers.mjs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { relative, resolve } from 'node:path';
import { readdirSync } from 'node:fs';
import { inlineJsonImports } from './lib/json-imports.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = [/^preact($|\/)/, /^@preact\/signals/, /^ky($|\/)/, /^react($|\/)/, /^vue($|\/)/];
// One stage file per built-in language but English, from the locale registry (src/i18n/locales.json).
const LOCALES = Object.keys(JSON.parse(readFileSync(new URL('../src/i18n/locales.json', import.meta.url), 'utf8')));
const LOCALE_STAGES = LOCALES.filter((code) => code !== 'en').map((code) => `locale-${code}`);
for (const name of LOCALE_STAGES)
  if (!existsSync(new URL(`../src/embed/stages/${name}.ts`, import.meta.url)))
    throw new Error(`build: src/i18n/locales.json lists ${name.slice(7)} but src/embed/stages/${name}.ts is missing`);
const STAGES = ['panel', 'http', 'memory', 'chatwoot', 'rasa', 'alerts', ...LOCALE_STAGES, 'transcript', 'sensitive'];
// The dialog's rarely met flows: stages over the panel stage, taking preact and the dialog's
// modules from it (SupportChat.__panel.pN, which the panel stage sets), the rest from the first stage.
const PANEL_STAGES = ['verify', 'ending', 'conversations', 'offline', 'preview', 'guard'];
const SHARED_ID = 'virtual:support-chat-shared';
const SHARED_PREFIX = 'sc-shared:';
const PANEL_ID = 'virtual:support-chat-panel-shared';
const PANEL_PREFIX = 'sc-panel:';
/** The module id behind `sc-shared:<path>` (a path relative to the root). */
// resolve(): a path may climb out of the root (`../..`) when node_modules is a symlink.
const sharedModuleId = (path) => resolve(root, path);

const config = (buildId, plugins, buildOptions) => ({
  root,
  configFile: false,
  logLevel: 'warn',
  define: { __SC_VERSION__: JSON.stringify(pkg.version), __SC_BUILD__: JSON.stringify(buildId) },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins,
  build: { outDir: 'dist', emptyOutDir: false, sourcemap: true, target: 'es2022', minify: true, ...buildOptions },
});
const outputOf = (result) => (Array.isArray(result) ? result[0] : result).output;

/** Provides the virtual module that exposes `bindings` (module id → names) as `shared`. */
function sharedModule(bindings, keys, virtualId = SHARED_ID) {
  const ids = [...bindings.keys()];
  const code = [
    ...ids.map((id, i) => {
      const names = [...bindings.get(id)];
      return names.includes('*')
        ? `import * as m${i} from ${JSON.stringify(id)};`
        : `import { ${names.map((n, j) => `${n} as m${i}_${j}`).join(', ')} } from ${JSON.stringify(id)};`;
    }),
    `export const shared = {`,
    ...ids.map((id, i) => {
      const names = [...bindings.get(id)];
      const value = names.includes('*') ? `m${i}` : `{ ${names.map((n, j) => `${n}: m${i}_${j}`).join(', ')} }`;
      return `  ${keys.get(id)}: ${value},`;
    }),
    `};`,
  ].join('\n');
  return {
    name: 'support-chat-shared',
    enforce: 'pre',
    resolveId: (source) => (source === virtualId ? `\0${virtualId}` : null),
    load: (id) => (id === `\0${virtualId}` ? code : null),
  };
}

/** Marks every import that resolves to one of `firstStage` (`panel`) as external `sc-shared:<path>` (`sc-panel:<path>`). */
function shareWith(firstStage, panel = new Set()) {
  return {
    name: 'support-chat-share',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || source.startsWith(SHARED_PREFIX)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved && firstStage.has(resolved.id)) return { id: SHARED_PREFIX + relative(root, resolved.id), external: true };
      if (resolved && panel.has(resolved.id)) return { id: PANEL_PREFIX + relative(root, resolved.id), external: true };
      return null;
    },
  };
}

const firstStage = (buildId, bindings, keys, write) =>
  build(
    config(buildId, [sharedModule(bindings, keys)], {
      write,
      lib: { entry: 'src/embed/global.ts', formats: ['iife'], name: 'SupportChat', fileName: () => 'support-chat.engine.js' },
    }),
  );

/** Stage 0 (`support-chat.iife.js`): plain DOM, no exports (it sets `window.SupportChat` itself). */
const stageZero = (buildId, write) =>
  build(
    config(buildId, [], {
      write,
      rollupOptions: {
        input: { stage0: 'src/embed/stage0/index.ts' },
        output: { format: 'iife', entryFileNames: 'support-chat.iife.js' },
      },
    }),
  );

const stage = (name, buildId, plugins, output) =>
  build(
    config(buildId, plugins, {
      write: output.format === 'iife',
      rollupOptions: {
        input: { [name.replace(/\W/g, '_')]: `src/embed/stages/${name}.ts` },
        output: { entryFileNames: `support-chat.${name}.js`, ...output },
      },
    }),
  );

/** The npm build's entries: name → source. Every locale table file is a `locales/<code>` entry. */
function npmEntries() {
  // A locale table (`ru.ts`, `pt-BR.ts`), not a part of one (`en-core.ts`).
  const LOCALE_FILE = /^[a-z]{2,3}(-[A-Z][A-Za-z]{1,3})?\.ts$/;
  const entries = { index: 'src/index.ts' };
  for (const name of ['websocket', 'http', 'memory']) entries[name] = `src/transports/${name}.ts`;
  for (const name of ['chatwoot', 'rasa']) entries[name] = `src/transports/${name}/index.ts`;
  // The framework wrappers (react and vue stay the app's own: external, optional peers).
  for (const name of ['react', 'vue']) entries[name] = `src/${name}/index.ts`;
  for (const file of readdirSync(resolve(root, 'src/i18n/locales')))
    if (LOCALE_FILE.test(file)) entries[`locales/${file.slice(0, -3)}`] = `src/i18n/locales/${file}`;
  return entries;
}

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

// npm: the whole widget (`.`, dist/support-chat.js) and one ESM entry per subpath
// (dist/esm/<name>.js: support-chat/websocket, /http, /memory, /chatwoot, /rasa, /react, /vue, /locales/<code>)
// over one file per source module (dist/esm/…), dependencies external: an app ships only what it imports.
await build(
  config('npm', [], {
    lib: { entry: npmEntries(), formats: ['es'] },
    rollupOptions: {
      external,
      // One file per module: a bundler drops whole files the app never reaches (sideEffects), so
      // importing VERSION from `.` does not carry the engine's or the tables' top-level code.
      output: {
        preserveModules: true,
        preserveModulesRoot: 'src',
        entryFileNames: (chunk) => (chunk.isEntry && chunk.name === 'index' ? 'support-chat.js' : 'esm/[name].js'),
      },
    },
  }),
);

// (1) The first stage's modules.
const probe = outputOf(await firstStage('probe', new Map(), new Map(), false));
const firstIds = new Set(probe[0].moduleIds.filter((id) => !id.startsWith('\0')));

// (2) What each stage imports from them.
const bindings = new Map();
// The build id changes with any code in any stage, not only with the shared bindings.
const codeHash = createHash('sha256')
  .update(probe[0].code)
  .update(outputOf(await stageZero('probe', false))[0].code);
const panelBindings = new Map();
const importRe = /import\s*(\*\s*as\s+\w+|\{[^}]*\})\s*from\s*"(sc-shared|sc-panel):([^"]+)"/g;
const panelStub = sharedModule(new Map(), new Map(), PANEL_ID);
let panelIds = new Set();
for (const name of [...STAGES, ...PANEL_STAGES]) {
  const plugins = PANEL_STAGES.includes(name) ? [shareWith(firstIds, panelIds)] : [shareWith(firstIds), panelStub];
  const esm = outputOf(await stage(name, 'probe', plugins, { format: 'es' }));
  codeHash.update(esm[0].code);
  // The panel's modules that render code in it: a module it drops whole (a flow's string table
  // beside the dialog's) stays the flow's own instead of being pulled into the panel for it.
  if (name === 'panel')
    panelIds = new Set(Object.keys(esm[0].modules).filter((id) => !id.startsWith('\0') && esm[0].modules[id].renderedLength > 0));
  for (const [, what, prefix, path] of esm[0].code.matchAll(importRe)) {
    const id = sharedModuleId(path);
    const into = prefix === 'sc-panel' ? panelBindings : bindings;
    const set = into.get(id) ?? new Set();
    if (what.startsWith('*')) set.add('*');
    else for (const spec of what.slice(1, -1).split(',')) if (spec.trim()) set.add(spec.trim().split(/\s+as\s+/)[0]);
    into.set(id, set);
  }
}
const sortedIds = [...bindings.keys()].sort();
const keys = new Map(sortedIds.map((id, i) => [id, `k${i}`]));
const panelIdsSorted = [...panelBindings.keys()].sort();
const panelKeys = new Map(panelIdsSorted.map((id, i) => [id, `p${i}`]));
const panelOrdered = new Map(panelIdsSorted.map((id) => [id, panelBindings.get(id)]));
const manifestOf = (ids, of) => ids.map((id) => `${relative(root, id)}:${[...of.get(id)].sort().join(',')}`).join('\n');
const manifest = `${manifestOf(sortedIds, bindings)}\n${manifestOf(panelIdsSorted, panelBindings)}`;
const buildId = `${pkg.version}-${codeHash.update(manifest).digest('hex').slice(0, 10)}`;
const ordered = new Map(sortedIds.map((id) => [id, bindings.get(id)]));

// (3) The first stage, exposing exactly those bindings.
const final = outputOf(await firstStage(buildId, ordered, keys, true));
const finalIds = new Set(final[0].moduleIds);
for (const id of sortedIds) if (!finalIds.has(id)) throw new Error(`build: ${relative(root, id)} is shared but not in the first stage`);

// The first stage carries only the English strings of `en-core.ts`; the rest come with the dialog.
// A key of the full table appearing in first-stage code is a string it would show untranslated.
const keysOf = (file) => [...readFileSync(resolve(root, file), 'utf8').matchAll(/^ {2}'([a-zA-Z]+\.[a-zA-Z.]+)':/gm)].map((m) => m[1]);
const coreKeys = new Set(keysOf('src/i18n/locales/en-core.ts'));
const missing = keysOf('src/i18n/locales/en.ts').filter((k) => !coreKeys.has(k) && final[0].code.includes(`"${k}"`));
if (missing.length > 0)
  throw new Error(`build: the first stage uses ${missing.join(', ')}: move these strings to src/i18n/locales/en-core.ts`);

// (4) The stage files, as classic scripts over SupportChat.__shared.
const globals = (id) =>
  id.startsWith(PANEL_PREFIX)
    ? `SupportChat.__panel.${panelKeys.get(sharedModuleId(id.slice(PANEL_PREFIX.length)))}`
    : `SupportChat.__shared.${keys.get(sharedModuleId(id.slice(SHARED_PREFIX.length)))}`;
const panelShared = sharedModule(panelOrdered, panelKeys, PANEL_ID);
for (const name of [...STAGES, ...PANEL_STAGES]) {
  const plugins = PANEL_STAGES.includes(name) ? [shareWith(firstIds, panelIds)] : [shareWith(firstIds), panelShared];
  const out = outputOf(await stage(name, buildId, plugins, { format: 'iife', globals }));
  // A shared module reached only through a re-export file can come out as a bare global name
  // (sc_shared_…) instead of its SupportChat.__shared binding: the stage would throw on load.
  const stray = out[0].code.match(/\bsc_(shared|panel)_\w+/);
  if (stray)
    throw new Error(`build: stage ${name} refers to ${stray[0]}: import that module from where it is defined, not through a re-export`);
}

// Stage 0 last: it carries the build id the engine checks when stage 0 loads it.
const zero = outputOf(await stageZero(buildId, true));
const engineOnly = ['@preact/signals', 'preact', 'src/core/', 'src/transports/'].find((part) =>
  zero[0].moduleIds.some((id) => id.includes(part)),
);
if (engineOnly) throw new Error(`build: stage 0 (support-chat.iife.js) must not carry ${engineOnly}`);

execFileSync(
  process.execPath,
  [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
addJsSpecifiers(resolve(root, 'dist/types'));
inlineJsonImports(resolve(root, 'dist/types'), resolve(root, 'src'));
writeFileSync(
  resolve(root, 'dist/types/iife.d.ts'),
  [
    '// The script-tag build (support-chat/iife): a page-wide `window.SupportChat`, its exports and',
    "// the snippet's command function (`SupportChat('boot', options)`, `SupportChat('open')`...).",
    "import type * as SupportChatGlobal from './embed/global.js';",
    'declare global {',
    '  interface Window {',
    '    SupportChat: typeof SupportChatGlobal & SupportChatGlobal.CommandFunction;',
    '  }',
    '}',
    'export {};',
    '',
  ].join('\n'),
);
console.log(
  `build ${buildId}: dist/support-chat.js, dist/support-chat.iife.js (stage 0), dist/support-chat.{engine,${[...STAGES, ...PANEL_STAGES].join(',')}}.js, dist/types/`,
);
if (process.env.SC_BUILD_MANIFEST) console.log(manifest);
