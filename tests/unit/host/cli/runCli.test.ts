import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/host/cli/runCli';
import { WEB_MODE_FALLBACK_NOTICE } from '../../../../electron/host/cli/startCommand';
import { startWebServer } from '../../../../electron/host/webServer';
import { isPortOpen } from '../httpProbe';
import { INDEX_HTML, createTempRenderer, type TempRenderer } from '../tempRenderer';
import { NO_BROWSER, RUNNING_AT, fakeCliContext, waitForOutput, type FakeCliContext } from './fakeCliContext';

let renderer: TempRenderer;
beforeAll(async () => {
  renderer = await createTempRenderer();
});
afterAll(async () => {
  await renderer.remove();
});

/** Starts a long-running command, waits for its address, and hands back a way to stop it. */
async function runUntilServing(argv: string[], context: FakeCliContext): Promise<{ url: string; port: number; stop(): Promise<number> }> {
  const exit = runCli(argv, context);
  const [, url] = await Promise.race([
    waitForOutput(context.stdout, RUNNING_AT),
    exit.then((code) => {
      throw new Error(`exited with ${code} before serving:\n${context.stdout.text}${context.stderr.text}`);
    }),
  ]);
  return {
    url: url!,
    port: Number(new URL(url!).port),
    stop: () => {
      context.stop();
      return exit;
    },
  };
}

describe('baton (no command)', () => {
  it('--help lists every command on stdout and exits 0', async () => {
    const context = fakeCliContext();
    expect(await runCli(['--help'], context)).toBe(0);
    expect(context.stdout.text).toMatch(/^Usage: baton <command>/);
    expect(context.stdout.text).toMatch(/^\s+serve\s+\S/m);
    expect(context.stdout.text).toMatch(/^\s+start\s+\S/m);
    expect(context.stderr.text).toBe('');
  });

  it('--version prints the version of package.json', async () => {
    const packageJson = JSON.parse(await readFile(path.resolve('package.json'), 'utf8')) as { version: string };
    const context = fakeCliContext();
    expect(await runCli(['--version'], context)).toBe(0);
    expect(context.stdout.text).toBe(`${packageJson.version}\n`);
  });

  it('exits 2 with the usage on stderr when the command is missing or unknown', async () => {
    for (const argv of [[], ['bogus'], ['--bogus'], ['help', 'bogus']]) {
      const context = fakeCliContext();
      expect(await runCli(argv, context), argv.join(' ')).toBe(2);
      expect(context.stderr.text).toContain('Usage: baton <command>');
      expect(context.stdout.text).toBe('');
    }
    const context = fakeCliContext();
    await runCli(['bogus'], context);
    expect(context.stderr.text).toMatch(/^baton: unknown command "bogus"/);
  });

  it('help COMMAND and COMMAND --help both print the command help', async () => {
    for (const argv of [['help', 'serve'], ['serve', '--help'], ['serve', '-h']]) {
      const context = fakeCliContext();
      expect(await runCli(argv, context)).toBe(0);
      expect(context.stdout.text).toMatch(/^Usage: baton serve /);
    }
    const context = fakeCliContext();
    expect(await runCli(['start', '--help'], context)).toBe(0);
    expect(context.stdout.text).toMatch(/^Usage: baton start/);
  });
});

describe('baton serve', () => {
  it('exits 2 with a message and its usage for a wrong command line', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['serve', '--port', 'notanumber'], /--port must be a whole number from 0 to 65535, got "notanumber"/],
      [['serve', '--port', '70000'], /--port must be a whole number/],
      [['serve', '--port=-1'], /--port must be a whole number/],
      [['serve', '--port'], /--port/],
      [['serve', '--bogus'], /Unknown option '--bogus'/],
      [['serve', 'plan.baton'], /Unexpected argument 'plan.baton'/],
      [['serve', '--host', ''], /--host must not be empty/],
    ];
    for (const [argv, message] of cases) {
      const context = fakeCliContext();
      expect(await runCli(argv, context), argv.join(' ')).toBe(2);
      expect(context.stderr.text, argv.join(' ')).toMatch(message);
      expect(context.stderr.text).toContain('Usage: baton serve');
    }
  });

  it('serves the renderer on 127.0.0.1 until stopped, then frees the port', async () => {
    const context = fakeCliContext();
    const serving = await runUntilServing(['serve', '--port', '0', '--root', renderer.root], context);
    expect(serving.url).toBe(`http://127.0.0.1:${serving.port}/`);
    const response = await fetch(serving.url);
    expect(await response.text()).toBe(INDEX_HTML);
    expect(context.openedUrls).toEqual([]);
    expect(context.stderr.text).toBe('');

    expect(await serving.stop()).toBe(0);
    expect(context.stdout.text).toMatch(/Baton stopped\.\n$/);
    expect(await isPortOpen(serving.port)).toBe(false);
  });

  it('finds the renderer beside the CLI, or in $BATON_RENDERER_DIR', async () => {
    const besideCli = fakeCliContext({ distDir: path.dirname(renderer.root) });
    const first = await runUntilServing(['serve', '--port', '0'], besideCli);
    expect(await (await fetch(first.url)).text()).toBe(INDEX_HTML);
    expect(await first.stop()).toBe(0);

    const fromEnv = fakeCliContext({ env: { BATON_RENDERER_DIR: renderer.root } });
    const second = await runUntilServing(['serve', '--port', '0'], fromEnv);
    expect(await (await fetch(second.url)).text()).toBe(INDEX_HTML);
    expect(await second.stop()).toBe(0);
  });

  it('--open opens the browser at the address, and one line explains when it cannot', async () => {
    const context = fakeCliContext({ browserResult: NO_BROWSER });
    const serving = await runUntilServing(['serve', '--port', '0', '--open', '--root', renderer.root], context);
    expect(context.openedUrls).toEqual([serving.url]);
    await waitForOutput(context.stdout, /Could not open a browser/);
    const notes = context.stdout.text.split('\n').filter((line) => line.startsWith('Could not open a browser'));
    expect(notes).toEqual([`Could not open a browser (xdg-open is not installed); open ${serving.url} yourself.`]);
    expect((await fetch(serving.url)).status).toBe(200);
    expect(await serving.stop()).toBe(0);
  });

  it('warns in one line when the host makes the app reachable from the network', async () => {
    const context = fakeCliContext();
    const serving = await runUntilServing(['serve', '--port', '0', '--host', '0.0.0.0', '--root', renderer.root], context);
    expect(context.stderr.text).toBe('Warning: listening on 0.0.0.0, so the plan app is reachable from the network.\n');
    expect(await serving.stop()).toBe(0);

    const loopback = fakeCliContext();
    const local = await runUntilServing(['serve', '--port', '0', '--host', 'localhost', '--root', renderer.root], loopback);
    expect(loopback.stderr.text).toBe('');
    expect(await local.stop()).toBe(0);
  });

  it('exits 1 naming the port when it is already in use', async () => {
    const occupant = await startWebServer({ root: renderer.root });
    if (!occupant.ok) throw new Error(occupant.error.message);
    try {
      const context = fakeCliContext();
      expect(await runCli(['serve', '--port', String(occupant.value.port), '--root', renderer.root], context)).toBe(1);
      expect(context.stderr.text).toContain(`Port ${occupant.value.port} on 127.0.0.1 is already in use.`);
      expect(context.stderr.text).toContain('--port');
    } finally {
      await occupant.value.close();
    }
  });

  it('exits 1 and says to build when the renderer is missing', async () => {
    const context = fakeCliContext({ distDir: path.join(tmpdir(), 'baton-no-such-dist') });
    expect(await runCli(['serve', '--port', '0'], context)).toBe(1);
    expect(context.stderr.text).toMatch(/index\.html is missing\); run `npm run build` first/);
  });
});

describe('baton start', () => {
  let distDir: string;
  beforeAll(async () => {
    distDir = await mkdtemp(path.join(tmpdir(), 'baton-dist-'));
    await mkdir(path.join(distDir, 'electron'));
  });
  afterAll(async () => {
    await rm(distDir, { recursive: true, force: true });
  });

  it('without Electron prints the one fallback line, then serves and opens the browser', async () => {
    const context = fakeCliContext({ electronBinary: null, env: { BATON_RENDERER_DIR: renderer.root } });
    const serving = await runUntilServing(['start', '--port', '0'], context);
    const lines = context.stdout.text.split('\n');
    expect(lines[0]).toBe(WEB_MODE_FALLBACK_NOTICE);
    expect(lines[1]).toBe(`Baton is running at ${serving.url}`);
    expect(context.openedUrls).toEqual([serving.url]);
    expect(await (await fetch(serving.url)).text()).toBe(INDEX_HTML);
    expect(await serving.stop()).toBe(0);
    expect(await isPortOpen(serving.port)).toBe(false);
  });

  it('with Electron runs dist/electron/main.cjs and exits with its code', async () => {
    // Node stands in for the Electron binary: both run a script given as their argument.
    await writeFile(path.join(distDir, 'electron', 'main.cjs'), 'process.exit(process.env.ELECTRON_RUN_AS_NODE ? 9 : 3);\n');
    const context = fakeCliContext({ distDir, electronBinary: process.execPath, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    expect(await runCli(['start'], context)).toBe(3);
    expect(context.stdout.text).not.toContain(WEB_MODE_FALLBACK_NOTICE);
  });

  it('stops the app when asked to stop, and exits 0', async () => {
    const startedMarker = path.join(distDir, 'started');
    await writeFile(
      path.join(distDir, 'electron', 'main.cjs'),
      `require('node:fs').writeFileSync(${JSON.stringify(startedMarker)}, 'yes'); setInterval(() => {}, 1000);\n`,
    );
    const context = fakeCliContext({ distDir, electronBinary: process.execPath, env: process.env });
    const exit = runCli(['start'], context);
    const deadline = Date.now() + 10_000;
    while (!existsSync(startedMarker) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(existsSync(startedMarker)).toBe(true);
    context.stop();
    expect(await exit).toBe(0);
  });

  it('exits 1 with a clear message when the app is not built or the binary cannot run', async () => {
    const unbuilt = fakeCliContext({ distDir: path.join(tmpdir(), 'baton-no-such-dist'), electronBinary: process.execPath });
    expect(await runCli(['start'], unbuilt)).toBe(1);
    expect(unbuilt.stderr.text).toMatch(/main\.cjs is missing\); run `npm run build` first/);

    await writeFile(path.join(distDir, 'electron', 'main.cjs'), 'process.exit(0);\n');
    const missingBinary = path.join(distDir, 'no-such-electron');
    const broken = fakeCliContext({ distDir, electronBinary: missingBinary });
    expect(await runCli(['start'], broken)).toBe(1);
    expect(broken.stderr.text).toContain(`could not start Electron (${missingBinary})`);
  });

  it('exits 2 for a wrong --port before looking for Electron', async () => {
    const context = fakeCliContext({ electronBinary: null });
    expect(await runCli(['start', '--port', 'x'], context)).toBe(2);
    expect(context.stderr.text).toContain('Usage: baton start');
    expect(context.stdout.text).toBe('');
  });
});
