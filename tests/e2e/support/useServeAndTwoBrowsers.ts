import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startBatonServe, type BatonServe } from './batonServe';
import { launchBrowser, type TestBrowser } from './browser';

/** A `baton serve` and two teammates' browsers, shared by the tests of a describe block. */
export interface ServeAndTwoBrowsers {
  /** Only inside a test or hook. */
  readonly server: BatonServe;
  readonly alice: TestBrowser;
  readonly bob: TestBrowser;
}

/** Starts the server and both browsers before the block's tests, and stops them after. */
export function useServeAndTwoBrowsers(): ServeAndTwoBrowsers {
  let server: BatonServe | undefined;
  let browsers: [TestBrowser, TestBrowser] | undefined;

  beforeAll(async () => {
    server = await startBatonServe();
    browsers = await Promise.all([launchBrowser(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all(browsers?.map((b) => b.close()) ?? []);
    await server?.stop();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the server and browsers are not started: use them inside a test or hook');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get alice() {
      return started(browsers)[0];
    },
    get bob() {
      return started(browsers)[1];
    },
  };
}

/**
 * The Export dialog's preview of the open plan in one format. The preview shows only once the
 * chosen format's export is ready, so the first text it holds is that format's.
 */
export async function exportPreview(page: Page, format: string): Promise<string> {
  await page.getByRole('tab', { name: 'Canvas' }).click();
  await page.getByRole('button', { name: 'Export plan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export plan' });
  await dialog.getByLabel('Format').selectOption(format);
  const preview = dialog.getByLabel('Export preview');
  await expect.poll(() => preview.inputValue()).not.toBe('');
  const text = await preview.inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return text;
}
