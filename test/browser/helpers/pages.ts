/**
 * Pages a test writes itself (the README's snippet, hostile host pages), served as real files by
 * the reference server (a fulfilled route would be a "public" document that Chromium's local
 * network checks forbid to reach 127.0.0.1).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../../server/app';
import { launchBrowser } from './browser';

/** The snippet under "The snippet" in README.md, exactly as printed there. */
export function readmeSnippet(): string {
  const readme = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');
  const m = /<!-- embed-snippet -->\n```html\n([\s\S]*?)```/.exec(readme);
  if (!m) throw new Error('README.md has no <!-- embed-snippet --> block');
  return m[1]!;
}

/** A page with `body` (and `head`) HTML. */
export function hostPage(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>Host page</title>${head}</head><body>${body}</body></html>`;
}

export interface GeneratedPages {
  readonly browser: Browser;
  readonly server: RunningServer;
  /** The chat server's WebSocket endpoint. */
  readonly wsUrl: string;
  /** Writes `html` as a page and returns its URL. */
  page(name: string, html: string): string;
  /** Writes any other file (a script of the page, `name` with its extension) and returns its path under /gen/. */
  file(name: string, content: string): string;
}

/** The reference server (serving dist/ and the pages a test writes under /gen/) and one Chromium. */
export function useGeneratedPages(): GeneratedPages {
  let browser: Browser | undefined;
  let server: RunningServer | undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'sc-pages-'));
  beforeAll(async () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: ':memory:',
      logLevel: 'silent',
      botDelayMs: 0,
      staticDirs: { '/dist/': path.join(root, 'dist'), '/fixtures/': path.join(root, 'test/browser/fixtures'), '/gen/': dir },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get browser() {
      return browser!;
    },
    get server() {
      return server!;
    },
    get wsUrl() {
      return `${server!.url.replace(/^http/, 'ws')}/swp/v1/ws`;
    },
    page(name, html) {
      writeFileSync(path.join(dir, `${name}.html`), html);
      return `${server!.url}/gen/${name}.html`;
    },
    file(name, content) {
      writeFileSync(path.join(dir, name), content);
      return `/gen/${name}`;
    },
  };
}
