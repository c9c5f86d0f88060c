/** Shared suite setup: a static server for dist/ and the fixtures, and one Chromium, closed after. */
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../../server/app';
import { rememberServer } from '../../helpers/operator-accounts';
import { launchBrowser } from './browser';
import { startStaticServer, type StaticServer } from './static-server';

export interface PagesAndBrowser {
  readonly browser: Browser;
  readonly server: StaticServer;
}

/** Registers beforeAll/afterAll hooks; read the fields inside tests. */
export function usePagesAndBrowser(): PagesAndBrowser {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  beforeAll(async () => {
    server = await startStaticServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      return browser!;
    },
    get server() {
      return server!;
    },
  };
}

export interface ReferenceServerAndBrowser {
  readonly browser: Browser;
  readonly server: RunningServer;
}

/**
 * Registers hooks for the reference server (memory database, no bot delay) serving dist/ and the
 * fixtures, and one Chromium; read the fields inside tests.
 */
export function useReferenceServerAndBrowser(): ReferenceServerAndBrowser {
  let browser: Browser | undefined;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    server = rememberServer(
      await startServer({
        port: 0,
        host: '127.0.0.1',
        dataDir: ':memory:',
        logLevel: 'silent',
        botDelayMs: 0,
        staticDirs: { '/dist/': path.join(root, 'dist'), '/fixtures/': path.join(root, 'test/browser/fixtures') },
      }),
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      return browser!;
    },
    get server() {
      return server!;
    },
  };
}
