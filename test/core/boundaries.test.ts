/**
 * Architecture rules (see docs/architecture): core stays framework-free and self-contained;
 * the UI never reaches for a concrete transport.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(m?[jt]sx?)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module specifier: static imports and re-exports, side-effect imports, dynamic import(). */
function importsOf(code: string): string[] {
  const found = new Set<string>();
  const text = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.add(m[1]!);
  return [...found];
}

/** Import statements with their specifier and whether they import types only (`import type`, `export type`). */
function statementsOf(code: string): Array<{ spec: string; typeOnly: boolean }> {
  const text = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: Array<{ spec: string; typeOnly: boolean }> = [];
  for (const m of text.matchAll(/\b(import|export)\s+(type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g)) {
    out.push({ spec: m[3]!, typeOnly: m[2] !== undefined });
  }
  for (const spec of importsOf(code)) if (!out.some((s) => s.spec === spec)) out.push({ spec, typeOnly: false });
  return out;
}

/** A module path without its extension, so `../core/model` and `model.ts` compare equal. */
const moduleId = (path: string) => path.replace(/\.(m?[jt]sx?)$/, '');

const isRelative = (spec: string) => spec.startsWith('.') || spec.startsWith('/');
const inside = (dir: string, path: string) => path === dir || path.startsWith(dir + sep);
const rel = (path: string) => relative(root, path);

describe('import boundaries', () => {
  it('the import scanner sees every kind of import', () => {
    const code = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      "export * from './c';",
      "export { d } from 'd-pkg';",
      "import './side-effect.css';",
      "const e = await import('e-pkg');",
      "import {\n  f,\n  g,\n} from '@scope/f';",
      "// import x from 'commented-out';",
    ].join('\n');
    expect(importsOf(code).sort()).toEqual(['../b', './a', './c', './side-effect.css', '@scope/f', 'd-pkg', 'e-pkg'].sort());
  });

  it('src/core imports only its own files, src/protocol and @preact/signals-core', () => {
    const core = join(src, 'core');
    const protocol = join(src, 'protocol');
    const files = sourceFiles(core);
    expect(files.length).toBeGreaterThan(5);
    const violations: string[] = [];
    let checked = 0;
    for (const file of files) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        checked++;
        if (isRelative(spec)) {
          const target = resolve(dirname(file), spec);
          if (!inside(core, target) && !inside(protocol, target))
            violations.push(`${rel(file)} imports ${spec} (outside src/core and src/protocol)`);
        } else if (spec !== '@preact/signals-core') {
          violations.push(`${rel(file)} imports ${spec}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(violations).toEqual([]);
  });

  it('src/ui never imports a concrete transport', () => {
    const ui = join(src, 'ui');
    const transports = join(src, 'transports');
    const violations: string[] = [];
    for (const file of sourceFiles(ui)) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (isRelative(spec) && inside(transports, resolve(dirname(file), spec))) violations.push(`${rel(file)} imports ${spec}`);
        if (/^(ky|ws)$/.test(spec)) violations.push(`${rel(file)} imports ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('src/protocol imports only itself, plus types from src/core/model and src/core/transport', () => {
    const protocol = join(src, 'protocol');
    const typeSources = new Set([join(src, 'core', 'model'), join(src, 'core', 'transport')]);
    const files = sourceFiles(protocol);
    expect(files.length).toBeGreaterThan(5);
    const violations: string[] = [];
    for (const file of files) {
      for (const { spec, typeOnly } of statementsOf(readFileSync(file, 'utf8'))) {
        if (!isRelative(spec)) {
          violations.push(`${rel(file)} imports ${spec}`);
          continue;
        }
        const target = resolve(dirname(file), spec);
        if (inside(protocol, target)) continue;
        if (!(typeOnly && typeSources.has(moduleId(target))))
          violations.push(`${rel(file)} imports ${spec}${typeOnly ? '' : ' (not type-only)'}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('the server imports from the client tree only src/protocol and src/core/model', () => {
    const server = join(root, 'server');
    const protocol = join(src, 'protocol');
    const model = join(src, 'core', 'model');
    const files = sourceFiles(server);
    expect(files.length).toBeGreaterThan(10);
    const violations: string[] = [];
    for (const file of files) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (!isRelative(spec)) continue;
        const target = resolve(dirname(file), spec);
        if (inside(src, target) && !inside(protocol, target) && moduleId(target) !== model) violations.push(`${rel(file)} imports ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('transports never import src/ui or src/embed', () => {
    const ui = join(src, 'ui');
    const embed = join(src, 'embed');
    const violations: string[] = [];
    for (const file of sourceFiles(join(src, 'transports'))) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (!isRelative(spec)) continue;
        const target = resolve(dirname(file), spec);
        if (inside(ui, target) || inside(embed, target)) violations.push(`${rel(file)} imports ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('the type-only scanner tells import type from a value import', () => {
    const found = statementsOf("import type { A } from './a';\nimport { b } from './b';\nexport type { C } from './c';");
    expect(found).toEqual([
      { spec: './a', typeOnly: true },
      { spec: './b', typeOnly: false },
      { spec: './c', typeOnly: true },
    ]);
  });
});

describe('module size', () => {
  it('no file in src/ is over 300 lines (functions over 80 are refused by the linter)', () => {
    const files = [...sourceFiles(src), ...cssFiles(src)];
    expect(files.length).toBeGreaterThan(100);
    const long = files
      .map((file) => ({ file: rel(file), lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > 300);
    expect(long).toEqual([]);
  });
});

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return cssFiles(path);
    return e.name.endsWith('.css') ? [path] : [];
  });
}
