// Declarations that import a JSON module (`import data from './x.json'`, kept by tsc when a public
// type reads `typeof data`) resolve under `bundler` only: node16/nodenext want an import attribute
// and `resolveJsonModule`, and tsc copies no JSON next to the `.d.ts`. So each such default import
// becomes a declared constant whose type is the JSON itself (a JSON value is a valid TypeScript
// type literal): the same keys and shapes, under every resolution.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { walk } from './js-specifiers.mjs';

const JSON_IMPORT = /^import\s+(\w+)\s+from\s+['"](\.{1,2}\/[^'"]+\.json)['"](?:\s+with\s*\{[^}]*\})?;?$/gm;

/** Inlines the JSON default imports of every `.d.ts` under `typesDir` (sources in `srcDir`); returns how many. */
export function inlineJsonImports(typesDir, srcDir) {
  let count = 0;
  for (const file of walk(typesDir).filter((f) => f.endsWith('.d.ts'))) {
    const before = readFileSync(file, 'utf8');
    const after = before.replace(JSON_IMPORT, (_whole, name, spec) => {
      const source = path.resolve(srcDir, path.relative(typesDir, path.resolve(path.dirname(file), spec)));
      if (!existsSync(source)) throw new Error(`build: ${path.relative(typesDir, file)} imports ${spec}, which is not in the sources`);
      count++;
      return `declare const ${name}: ${JSON.stringify(JSON.parse(readFileSync(source, 'utf8')))};`;
    });
    if (after !== before) writeFileSync(file, after);
  }
  return count;
}
