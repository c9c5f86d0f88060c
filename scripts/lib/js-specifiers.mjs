// Declarations as node16/nodenext read them: every relative import and export specifier (side-effect
// imports too) in the
// emitted `.d.ts` files gets its `.js` (or `/index.js` for a directory), which those resolutions
// require and bundlers accept.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Every file under `dir`. */
export const walk = (dir) =>
  readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : [path.join(dir, n)]));

/** Rewrites the relative specifiers of every `.d.ts` under `dir` in place; returns how many files changed. */
export function addJsSpecifiers(dir) {
  let changed = 0;
  for (const file of walk(dir).filter((f) => f.endsWith('.d.ts'))) {
    const before = readFileSync(file, 'utf8');
    const after = before.replace(/(from\s+|import\(|^import\s+)(['"])(\.{1,2}\/[^'"]+?)\2/gm, (whole, lead, q, spec) => {
      if (/\.(js|mjs|cjs|json)$/.test(spec)) return whole;
      const base = path.resolve(path.dirname(file), spec);
      if (existsSync(`${base}.d.ts`)) return `${lead}${q}${spec}.js${q}`;
      if (existsSync(path.join(base, 'index.d.ts'))) return `${lead}${q}${spec}/index.js${q}`;
      return whole;
    });
    if (after !== before) {
      writeFileSync(file, after);
      changed++;
    }
  }
  return changed;
}
