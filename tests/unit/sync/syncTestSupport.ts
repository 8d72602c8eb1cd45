/**
 * Shared pieces of the sync tests: a sync server in this process on loopback, a stock
 * Hocuspocus provider in Node (ws as its WebSocket), a real `baton serve` process, and a real
 * redis-server on a free port. Everything started here is stopped by the caller.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createSyncServer, type SyncServer, type SyncServerOptions } from '../../../electron/host/sync/syncServer';
import { startWebServer, type WebServer } from '../../../electron/host/webServer';
import { spawnCliFromSource, type CliSourceProcess } from '../host/cli/cliSourceProcess';
import { CapturedOutput, waitForOutput } from '../host/cli/fakeCliContext';
import { createTempRenderer, type TempRenderer } from '../host/tempRenderer';

export const TOKEN = 'test-token-0123456789abcdef';

/** A web-mode server with the sync endpoint, in this process. */
export interface TestSyncServer {
  readonly web: WebServer;
  readonly sync: SyncServer;
  /** ws://127.0.0.1:PORT/sync */
  readonly syncUrl: string;
  readonly logLines: string[];
  stop(): Promise<void>;
}

export async function startTestSyncServer(options: Partial<Omit<SyncServerOptions, 'server'>> = {}): Promise<TestSyncServer> {
  const renderer: TempRenderer = await createTempRenderer();
  const started = await startWebServer({ root: renderer.root, port: 0 });
  if (!started.ok) throw new Error(started.error.message);
  const web = started.value;
  const logLines: string[] = [];
  const created = await createSyncServer({ token: TOKEN, ...options, server: web.server, log: (line) => logLines.push(line) });
  if (!created.ok) {
    await web.close();
    throw new Error(created.error);
  }
  const sync = created.value;
  return {
    web,
    sync,
    syncUrl: `ws://127.0.0.1:${web.port}/sync`,
    logLines,
    stop: async () => {
      await sync.close();
      await web.close();
      await renderer.remove();
    },
  };
}

/** A stock provider on a fresh (or given) Y.Doc, with what it heard from the server. */
export interface TestPeer {
  readonly doc: Y.Doc;
  readonly provider: HocuspocusProvider;
  readonly authenticationFailures: string[];
  authenticated: boolean;
  destroy(): void;
}

/**
 * `ws` emits "closed before the connection was established" as an error event when a client
 * is dropped while still connecting (the soak test does that on purpose); with no listener
 * Node treats it as an uncaught error. The provider still sees errors through `onerror`.
 */
export class QuietWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => {});
  }
}

export function connectPeer(url: string, name: string, token: string | null = TOKEN, doc: Y.Doc = new Y.Doc()): TestPeer {
  const peer: TestPeer = {
    doc,
    authenticationFailures: [],
    authenticated: false,
    provider: new HocuspocusProvider({
      url,
      name,
      token,
      document: doc,
      // Node 20 has no global WebSocket; the provider takes any WHATWG-style implementation.
      WebSocketPolyfill: QuietWebSocket,
      // Retry quickly in tests, so a reconnect does not wait for the default back-off.
      delay: 50,
      minDelay: 50,
      maxDelay: 500,
      onAuthenticated: () => {
        peer.authenticated = true;
      },
      onAuthenticationFailed: ({ reason }) => {
        peer.authenticationFailures.push(reason);
      },
    } as ConstructorParameters<typeof HocuspocusProvider>[0]),
    destroy: () => {
      peer.provider.destroy();
    },
  };
  return peer;
}

/** Polls `condition` until it holds; throws with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nothing listens on right now (the system picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// ---- real processes -------------------------------------------------------------------

/** A `baton` process started from source (see cliSourceProcess.ts). */
export type BatonProcess = CliSourceProcess;

/** Runs `baton ARGS` from source, output captured. */
export const spawnBaton = (args: string[], env: Record<string, string> = {}): BatonProcess => spawnCliFromSource(args, env);

/** The `Live sync at ws://...` line's address, once the process has printed it. */
export async function syncUrlOf(baton: BatonProcess, timeoutMs = 20_000): Promise<string> {
  const [, url] = await Promise.race([
    waitForOutput(baton.stdout, /Live sync at (ws:\/\/\S+)/, timeoutMs),
    baton.exited.then(({ code }) => {
      throw new Error(`baton exited with ${code} before serving:\n${baton.stdout.text}${baton.stderr.text}`);
    }),
  ]);
  return url!;
}

/** Kills a child process (SIGKILL unless told otherwise) and waits for it to be gone. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await gone;
}

export const REDIS_SERVER = '/usr/bin/redis-server';

/** A throwaway redis-server on a free loopback port: no snapshots, no append-only file. */
export async function startRedis(): Promise<{ url: string; child: ChildProcess }> {
  if (!existsSync(REDIS_SERVER)) throw new Error(`${REDIS_SERVER} is missing: apt-get install redis-server (.ci/run does)`);
  const port = await freePort();
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = new CapturedOutput();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => output.write(chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => output.write(chunk));
  await waitForOutput(output, /Ready to accept connections/i, 10_000);
  return { url: `redis://127.0.0.1:${port}`, child };
}
