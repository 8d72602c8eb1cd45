/**
 * The bundled main (esbuild, as electron/bundle.ts builds it) run by plain Node against a
 * fake `electron`: "Host on this computer" must work from the bundle too (Hocuspocus, ws
 * and bonjour-service inside one CJS file), and quitting must stop the session. LAN
 * discovery is not called here: it would multicast on the real network.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPeer, waitFor, type TestPeer } from '../sync/syncTestSupport';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

// Loaded with --require before the bundle: answers require('electron') with a recording
// fake, then drives the registered IPC handlers from lines on stdin.
const FAKE_ELECTRON = String.raw`
const Module = require('node:module');
const handlers = new Map();
const appListeners = new Map();
let quits = 0;
const noop = () => {};
class BrowserWindow { once() {} on() {} loadURL() { return Promise.resolve(); } }
const electron = {
  app: { enableSandbox: noop, requestSingleInstanceLock: () => true, on: (e, l) => appListeners.set(e, l), whenReady: () => Promise.resolve(),
         getVersion: () => '0.0.0', getPath: () => require('node:os').tmpdir(), isPackaged: true, quit: () => { quits++; } },
  protocol: { registerSchemesAsPrivileged: noop, handle: noop },
  ipcMain: { handle: (channel, handler) => handlers.set(channel, handler) },
  session: { defaultSession: { setPermissionRequestHandler: noop, setPermissionCheckHandler: noop } },
  shell: {}, dialog: {}, Menu: { buildFromTemplate: (t) => t, setApplicationMenu: noop }, BrowserWindow,
};
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'electron' ? electron : load.call(this, request, ...rest); };
const app = { senderFrame: { url: 'app://baton/index.html' } };
const say = (value) => process.stdout.write(JSON.stringify(value) + '\n');
require('node:readline').createInterface({ input: process.stdin }).on('line', async (line) => {
  const [command, arg] = line.split(' ');
  if (command === 'call') {
    const [channel, payload] = JSON.parse(arg);
    say({ channel, answer: await handlers.get(channel)(app, payload) });
  } else if (command === 'quit') {
    let prevented = false;
    appListeners.get('will-quit')({ preventDefault: () => { prevented = true; } });
    const start = Date.now();
    while (quits === 0 && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 10));
    say({ prevented, quits });
    process.exit(0);
  }
});
`;

let dir: string;
let child: ReturnType<typeof spawn>;
const lines: unknown[] = [];

async function next(): Promise<any> {
  const seen = lines.length;
  await waitFor('an answer from the bundled main', () => lines.length > seen, 10_000);
  return lines[seen];
}
const send = (line: string) => child.stdin!.write(`${line}\n`);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'baton-main-bundle-'));
  await build({
    entryPoints: [path.join(ROOT, 'electron/main/main.ts')],
    outfile: path.join(dir, 'main.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron'],
    logLevel: 'silent',
  });
  await writeFile(path.join(dir, 'fake-electron.cjs'), FAKE_ELECTRON);
  child = spawn(process.execPath, ['--require', path.join(dir, 'fake-electron.cjs'), path.join(dir, 'main.cjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buffered = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf('\n')) !== -1) {
      lines.push(JSON.parse(buffered.slice(0, end)));
      buffered = buffered.slice(end + 1);
    }
  });
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('the bundled main', () => {
  it('hosts a session that stock providers sync through, and stops it on quit', async () => {
    send(`call ${JSON.stringify(['sync:host-start', { lan: false }])}`);
    const { answer } = await next();
    expect(answer.ok).toBe(true);
    expect(answer.value.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/sync$/);

    const peers: TestPeer[] = [connectPeer(answer.value.url, 'plan-bundled', answer.value.token), connectPeer(answer.value.url, 'plan-bundled', answer.value.token)];
    try {
      peers[0]!.doc.getMap('plan').set('from', 'bundle');
      await waitFor('the second peer to get the edit', () => peers[1]!.doc.getMap('plan').get('from') === 'bundle', 5_000);
      const intruder = connectPeer(answer.value.url, 'plan-bundled', 'not-the-token-at-all');
      peers.push(intruder);
      await waitFor('the intruder refused', () => intruder.authenticationFailures.length > 0);
    } finally {
      for (const p of peers) p.destroy();
    }

    send('quit');
    await expect(next()).resolves.toEqual({ prevented: true, quits: 1 });
    const port = Number(new URL(answer.value.url.replace('ws:', 'http:')).port);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });
});
