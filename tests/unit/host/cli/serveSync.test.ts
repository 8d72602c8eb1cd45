import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/host/cli/runCli';
import { connectPeer, freePort, waitFor } from '../../sync/syncTestSupport';
import { isPortOpen } from '../httpProbe';
import { createTempRenderer, type TempRenderer } from '../tempRenderer';
import { fakeCliContext, RUNNING_AT, waitForOutput, type FakeCliContext } from './fakeCliContext';

let renderer: TempRenderer;
let scratch: string;
beforeAll(async () => {
  renderer = await createTempRenderer();
  scratch = await mkdtemp(path.join(tmpdir(), 'baton-serve-sync-'));
});
afterAll(async () => {
  await renderer.remove();
  await rm(scratch, { recursive: true, force: true });
});

const LIVE_SYNC = /Live sync at (ws:\/\/\S+)\n/;
const SYNC_TOKEN = /Sync token: (\S+)\n/;

/** Runs `baton serve` in-process until it prints its invite; stop() ends it. */
async function serve(argv: string[], context: FakeCliContext = fakeCliContext()) {
  const exit = runCli(['serve', '--port', '0', '--root', renderer.root, ...argv], context);
  await Promise.race([
    waitForOutput(context.stdout, /Press Ctrl\+C to stop/),
    exit.then((code) => {
      throw new Error(`exited with ${code}:\n${context.stdout.text}${context.stderr.text}`);
    }),
  ]);
  const [, webUrl] = context.stdout.text.match(RUNNING_AT)!;
  const [, syncUrl] = context.stdout.text.match(LIVE_SYNC)!;
  const [, token] = context.stdout.text.match(SYNC_TOKEN)!;
  return {
    context,
    webUrl: webUrl!,
    syncUrl: syncUrl!,
    token: token!,
    stop: () => {
      context.stop();
      return exit;
    },
  };
}

describe('baton serve: live sync', () => {
  it('--help describes the sync flags', async () => {
    const context = fakeCliContext();
    expect(await runCli(['serve', '--help'], context)).toBe(0);
    expect(context.stdout.text).toMatch(/^Usage: baton serve \[--host HOST\] \[--port N\] \[--open\] \[--token T\] \[--data DIR\] \[--redis URL\]/);
    for (const flag of ['--token T', '--data DIR', '--redis URL', 'BATON_SYNC_TOKEN', '/sync']) expect(context.stdout.text).toContain(flag);
  });

  it('without a token makes a fresh one per run and prints the invite once, on the same port as the app', async () => {
    const first = await serve([]);
    const second = await serve([]);
    try {
      const port = new URL(first.webUrl).port;
      expect(first.syncUrl).toBe(`ws://127.0.0.1:${port}/sync`);
      expect(first.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(second.token).not.toBe(first.token);
      expect(first.context.stdout.text.split(first.token)).toHaveLength(2);
      expect(first.context.stdout.text).toContain('Plans are kept in memory only');
      expect(first.context.stderr.text).toBe('');

      // The invite works: a stock provider with the printed token syncs.
      const peer = connectPeer(first.syncUrl, 'plan-invite', first.token);
      try {
        await waitFor('synced with the printed token', () => peer.provider.isSynced);
      } finally {
        peer.destroy();
      }
    } finally {
      expect(await first.stop()).toBe(0);
      expect(await second.stop()).toBe(0);
    }
    expect(first.context.stdout.text).toMatch(/Baton stopped\.\n$/);
    expect(await isPortOpen(Number(new URL(first.webUrl).port))).toBe(false);
  });

  it('takes --token, else $BATON_SYNC_TOKEN; a refused peer is logged without any token', async () => {
    const fromEnv = await serve([], fakeCliContext({ env: { BATON_SYNC_TOKEN: 'env-secret-token' } }));
    expect(fromEnv.token).toBe('env-secret-token');
    expect(await fromEnv.stop()).toBe(0);

    const flagWins = await serve(['--token', 'flag-secret-token'], fakeCliContext({ env: { BATON_SYNC_TOKEN: 'env-secret-token' } }));
    try {
      expect(flagWins.token).toBe('flag-secret-token');
      const intruder = connectPeer(flagWins.syncUrl, 'plan-x', 'env-secret-token');
      try {
        await waitFor('refusal', () => intruder.authenticationFailures.length > 0);
      } finally {
        intruder.destroy();
      }
      await waitForOutput(flagWins.context.stderr, /wrong or missing token/);
      expect(flagWins.context.stderr.text).toBe('baton serve: refused a peer for plan "plan-x": wrong or missing token\n');
    } finally {
      expect(await flagWins.stop()).toBe(0);
    }
  });

  it('--data names the directory plans are saved in', async () => {
    const dir = path.join(scratch, 'plans');
    const serving = await serve(['--data', dir]);
    expect(serving.context.stdout.text).toContain(`Plans are saved in ${dir}\n`);
    expect(await serving.stop()).toBe(0);
  });

  it('exits 2 for an empty token, data directory or Redis URL', async () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [['--token', ''], {}, /--token must not be empty/],
      [[], { BATON_SYNC_TOKEN: ' ' }, /\$BATON_SYNC_TOKEN must not be empty/],
      [['--data', ''], {}, /--data must not be empty/],
      [['--redis', ''], {}, /--redis must not be empty/],
    ];
    for (const [argv, env, message] of cases) {
      const context = fakeCliContext({ env });
      expect(await runCli(['serve', '--port', '0', '--root', renderer.root, ...argv], context), argv.join(' ')).toBe(2);
      expect(context.stderr.text).toMatch(message);
    }
  });

  it('exits 1 with one line when the data directory or Redis cannot be used, and frees the port', async () => {
    const aFile = path.join(scratch, 'not-a-dir');
    await writeFile(aFile, 'x');
    const redisPort = await freePort();
    const cases: Array<[string[], RegExp]> = [
      [['--data', path.join(aFile, 'sub')], /^baton: cannot use .*not-a-dir\/sub as the data directory/],
      [['--redis', `redis://:hunter2@127.0.0.1:${redisPort}`], new RegExp(`^baton: cannot reach Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${redisPort}`)],
      [['--redis', 'http://127.0.0.1:6379'], /^baton: --redis must be a redis:\/\/ or rediss:\/\/ URL/],
    ];
    for (const [argv, message] of cases) {
      const port = await freePort();
      const context = fakeCliContext();
      expect(await runCli(['serve', '--port', String(port), '--root', renderer.root, ...argv], context), argv.join(' ')).toBe(1);
      expect(context.stderr.text).toMatch(message);
      expect(context.stderr.text).not.toContain('hunter2');
      expect(context.stdout.text).toBe('');
      expect(await isPortOpen(port)).toBe(false);
    }
  });
});
