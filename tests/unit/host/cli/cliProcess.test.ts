import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WEB_MODE_FALLBACK_NOTICE } from '../../../../electron/host/cli/startCommand';
import { isPortOpen } from '../httpProbe';
import { INDEX_HTML, createTempRenderer, type TempRenderer } from '../tempRenderer';
import { spawnCliFromSource, type CliSourceProcess } from './cliSourceProcess';
import { RUNNING_AT, waitForOutput } from './fakeCliContext';

// The real entry point in a real process: signal handling and process exit are only
// visible here.
type CliProcess = CliSourceProcess;

const running: CliProcess[] = [];

function spawnCli(args: string[], env: Record<string, string>): CliProcess {
  const cli = spawnCliFromSource(args, env);
  running.push(cli);
  return cli;
}

let renderer: TempRenderer;
let emptyElectronDist: string;

beforeAll(async () => {
  renderer = await createTempRenderer();
  // The electron package honours this override; pointing it at an empty directory makes the
  // binary missing on every machine, like here, so `start` must fall back to web mode.
  emptyElectronDist = await mkdtemp(path.join(tmpdir(), 'baton-no-electron-'));
});

afterEach(() => {
  for (const cli of running.splice(0)) if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
});

afterAll(async () => {
  await renderer.remove();
  await rm(emptyElectronDist, { recursive: true, force: true });
});

describe('the baton process', () => {
  it('`serve --port 0` serves until SIGTERM, then exits 0 and frees the port', async () => {
    const cli = spawnCli(['serve', '--port', '0', '--root', renderer.root], {});
    const [, url] = await waitForOutput(cli.stdout, RUNNING_AT, 20_000);
    const port = Number(new URL(url!).port);

    const response = await fetch(url!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.text()).toBe(INDEX_HTML);

    cli.child.kill('SIGTERM');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(cli.stdout.text).toMatch(/Baton stopped\.\n$/);
    expect(cli.stderr.text).toBe('');
    expect(await isPortOpen(port)).toBe(false);
  });

  it('`start` without Electron says so in one line, serves in the browser, and stops on SIGINT', async () => {
    const cli = spawnCli(['start', '--port', '0'], { BATON_RENDERER_DIR: renderer.root, ELECTRON_OVERRIDE_DIST_PATH: emptyElectronDist });
    const [, url] = await waitForOutput(cli.stdout, RUNNING_AT, 20_000);
    const lines = cli.stdout.text.split('\n');
    expect(lines[0]).toBe(WEB_MODE_FALLBACK_NOTICE);
    expect(lines[1]).toBe(`Baton is running at ${url}`);
    expect(await (await fetch(url!)).text()).toBe(INDEX_HTML);

    cli.child.kill('SIGINT');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(await isPortOpen(Number(new URL(url!).port))).toBe(false);
  });

  it('exits 2 with the usage on stderr for an unknown command', async () => {
    const cli = spawnCli(['bogus'], {});
    expect(await cli.exited).toEqual({ code: 2, signal: null });
    expect(cli.stderr.text).toContain('unknown command "bogus"');
    expect(cli.stdout.text).toBe('');
  });
});
