/** Shared suite setup: a static server for dist/ and the fixtures, and one Chromium, closed after. */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
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
