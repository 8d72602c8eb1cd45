import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { WebServer } from '../../../electron/host/webServer';
import { launchBrowser, type TestBrowser } from './browser';
import { serveWebApp } from './webApp';

/** The web app and one browser, shared by the tests of a describe block. */
export interface WebAppAndBrowser {
  /** The built app served in web mode; only inside a test or hook. */
  readonly server: WebServer;
  /** One teammate's browser, with the console errors it saw; only inside a test or hook. */
  readonly browser: TestBrowser;
  /** The browser's page at the app's address followed by `route` (say `#/`). */
  openPage(route?: string): Promise<Page>;
}

/** Serves the app and starts a browser before the block's tests, and closes both after them. */
export function useWebAppAndBrowser(): WebAppAndBrowser {
  let server: WebServer | undefined;
  let browser: TestBrowser | undefined;

  beforeAll(async () => {
    server = await serveWebApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} is not started: use it inside a test or hook`);
    return value;
  };
  const app: WebAppAndBrowser = {
    get server() {
      return started(server, 'web app');
    },
    get browser() {
      return started(browser, 'browser');
    },
    async openPage(route = '') {
      const page = await app.browser.newPage();
      await page.goto(`${app.server.url}${route}`);
      return page;
    },
  };
  return app;
}
