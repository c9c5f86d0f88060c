/**
 * Builds a small consumer app with Vite against the BUILT package (dist/, as `npm pack` ships it:
 * the app's node_modules/support-chat is a link to this checkout, resolved through its `exports`
 * and `sideEffects` like any installed package), minified, into a temp dir. Returns the JavaScript.
 * @module
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

export const ROOT = resolve(import.meta.dirname, '../..');

/** The built app: its files (name → text), all its JavaScript in one string, and that JavaScript's gzip size. */
export interface AppBuild {
  files: Map<string, string>;
  code: string;
  gzip: number;
}

/** Throws unless the package is built (these tests run after `npm run build`). */
export function requireBuild(): void {
  if (!existsSync(join(ROOT, 'dist/esm/websocket.js')) || !existsSync(join(ROOT, 'dist/support-chat.js')))
    throw new Error('test/consumers: the package is not built: run `npm run build` first');
}

/** How to build: the app's own dependencies (linked from this checkout's node_modules) and a development build. */
export interface AppOptions {
  /** Packages the app imports itself (`react`, `react-dom`, `vue`). */
  deps?: string[];
  /** A development build (React StrictMode's double mount only happens in development). */
  development?: boolean;
}

/** Builds an app whose entry module is `source`; removes the temp dir afterwards. */
export async function buildApp(source: string, options: AppOptions = {}): Promise<AppBuild> {
  const dir = mkdtempSync(join(tmpdir(), 'sc-consumer-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules/support-chat'), 'dir');
    for (const dep of options.deps ?? []) symlinkSync(join(ROOT, 'node_modules', dep), join(dir, 'node_modules', dep), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    writeFileSync(join(dir, 'main.js'), source);
    await build({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      ...(options.development ? { mode: 'development', define: { 'process.env.NODE_ENV': '"development"' } } : {}),
      build: {
        outDir: join(dir, 'out'),
        emptyOutDir: true,
        minify: true,
        target: 'es2022',
        rollupOptions: { input: join(dir, 'main.js'), output: { entryFileNames: '[name].js', chunkFileNames: '[name].js' } },
      },
    });
    const files = readdirSync(join(dir, 'out'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    const texts = new Map(files.map((f) => [f.replaceAll('\\', '/'), readFileSync(join(dir, 'out', f), 'utf8')]));
    const code = [...texts.values()].join('\n');
    return { files: texts, code, gzip: gzipSync(code, { level: 9 }).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
