import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserLauncherFor, openInBrowser } from '../../../../electron/host/cli/openBrowser';

const URL_TO_OPEN = 'http://127.0.0.1:4317/';

describe('browserLauncherFor', () => {
  it('uses each platform’s own launcher', () => {
    expect(browserLauncherFor('darwin', URL_TO_OPEN)).toEqual({ command: 'open', args: [URL_TO_OPEN] });
    expect(browserLauncherFor('win32', URL_TO_OPEN)).toEqual({ command: 'cmd', args: ['/c', 'start', '""', URL_TO_OPEN] });
    expect(browserLauncherFor('linux', URL_TO_OPEN)).toEqual({ command: 'xdg-open', args: [URL_TO_OPEN] });
  });
});

// A PATH holding only a fake xdg-open shows what the launcher was asked, with no real browser.
describe('openInBrowser', () => {
  let binDir: string;
  let record: string;

  beforeEach(async () => {
    binDir = await mkdtemp(path.join(tmpdir(), 'baton-bin-'));
    record = path.join(binDir, 'opened.txt');
  });
  afterEach(async () => {
    await rm(binDir, { recursive: true, force: true });
  });

  async function installFakeXdgOpen(exitCode: number): Promise<void> {
    const script = path.join(binDir, 'xdg-open');
    await writeFile(script, `#!/bin/sh\nprintf '%s' "$1" > '${record}'\nexit ${exitCode}\n`);
    await chmod(script, 0o755);
  }

  it('hands the URL to the launcher', async () => {
    await installFakeXdgOpen(0);
    const opened = await openInBrowser(URL_TO_OPEN, { env: { PATH: binDir }, platform: 'linux' });
    expect(opened).toEqual({ ok: true, value: undefined });
    expect(await readFile(record, 'utf8')).toBe(URL_TO_OPEN);
  });

  it('reports a launcher that fails, without throwing', async () => {
    await installFakeXdgOpen(3);
    const opened = await openInBrowser(URL_TO_OPEN, { env: { PATH: binDir }, platform: 'linux' });
    expect(opened).toEqual({ ok: false, error: 'xdg-open exited with code 3' });
  });

  it('reports a machine without a launcher, without throwing', async () => {
    const opened = await openInBrowser(URL_TO_OPEN, { env: { PATH: binDir }, platform: 'linux' });
    expect(opened).toEqual({ ok: false, error: 'xdg-open is not installed' });
  });

  it('opens nothing when BROWSER=none', async () => {
    await installFakeXdgOpen(0);
    const opened = await openInBrowser(URL_TO_OPEN, { env: { PATH: binDir, BROWSER: 'none' }, platform: 'linux' });
    expect(opened.ok).toBe(true);
    await expect(readFile(record, 'utf8')).rejects.toThrow();
  });

  it('counts a launcher that stays running (the browser itself) as success', async () => {
    const script = path.join(binDir, 'xdg-open');
    await writeFile(script, '#!/bin/sh\nexec sleep 2\n');
    await chmod(script, 0o755);
    const started = Date.now();
    const opened = await openInBrowser(URL_TO_OPEN, { env: { PATH: `${binDir}:/usr/bin:/bin` }, platform: 'linux', settleMs: 200 });
    expect(opened.ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
