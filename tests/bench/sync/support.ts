/**
 * What the sync bench starts: `baton serve` processes run from source, a throwaway
 * redis-server, stock Hocuspocus providers in Node (ws as their WebSocket). Every process is
 * registered with a Teardown and, as a last resort, killed when the bench process exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import type * as Y from 'yjs';

export const BENCH_TOKEN = 'bench-token-0123456789abcdef';
export const REDIS_SERVER = '/usr/bin/redis-server';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI_SOURCE = path.join(REPO_ROOT, 'electron', 'cli.ts');

/** Steps that undo what a scenario started, run last-in first-out even when the scenario threw. */
export class Teardown {
  private readonly steps: (() => unknown)[] = [];

  add(step: () => unknown): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    while (this.steps.length > 0) {
      const step = this.steps.pop()!;
      try {
        await step();
      } catch (error) {
        console.warn(`sync bench: a teardown step failed: ${(error as Error).message}`);
      }
    }
  }
}

// Children still running when this process exits (an exception nobody caught, process.exit)
// are killed here, so a failed bench never leaves a server or a Redis behind.
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of liveChildren) c.kill('SIGKILL');
    });
  }
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
}

/** Stops a child: `signal` first, SIGKILL if it is still there after `graceMs`. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

/** A child's CPU time so far (user + system, ms), from /proc; null where there is no /proc. */
export function childCpuMs(child: ChildProcess): number | null {
  try {
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), which ends with ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (USER_HZ, 100 on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** CPU time (ms) the whole machine has spent busy so far, all cores together, from /proc/stat; null where there is none. */
export function machineBusyMs(): number | null {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
    return ((user! + nice! + system! + irq! + softirq! + steal!) * 1000) / 100;
  } catch {
    return null;
  }
}

/** CPU time (ms) spent since a CpuMeter started, by this process, by each watched child, and by everything else. */
export interface CpuShares {
  readonly wallMs: number;
  readonly selfMs: number;
  readonly childrenMs: readonly (number | null)[];
  /** The rest of the machine: other engineers' builds, browsers, and so on (null without /proc). */
  readonly othersMs: number | null;
}

/** Starts counting CPU time; the returned function reads what was spent since. */
export function cpuMeter(children: readonly ChildProcess[]): () => CpuShares {
  const start = performance.now();
  const self = process.cpuUsage();
  const machine = machineBusyMs();
  const kids = children.map(childCpuMs);
  return () => {
    const { user, system } = process.cpuUsage(self);
    const selfMs = (user + system) / 1_000;
    const childrenMs = children.map((child, i) => {
      const now = childCpuMs(child);
      return now === null || kids[i] === null ? null : now - kids[i]!;
    });
    const machineNow = machineBusyMs();
    const othersMs =
      machine === null || machineNow === null || childrenMs.includes(null)
        ? null
        : Math.max(0, machineNow - machine - selfMs - childrenMs.reduce<number>((sum, ms) => sum + ms!, 0));
    return { wallMs: performance.now() - start, selfMs, childrenMs, othersMs };
  };
}

/** `ms` of CPU over `wallMs` as a share of one core, e.g. "57 %". */
export function coreShare(ms: number | null, wallMs: number): string {
  return ms === null ? '?' : `${((100 * ms) / wallMs).toFixed(0)} %`;
}

/** Resolves with the first match of `pattern` in what `read` returns; rejects on timeout or when `exited` settles first. */
async function waitForText(read: () => string, pattern: RegExp, timeoutMs: number, exited: Promise<unknown>, what: string): Promise<RegExpMatchArray> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = read().match(pattern);
    if (match) return match;
    if (gone) throw new Error(`${what} exited before it was ready:\n${read()}`);
    if (Date.now() > deadline) throw new Error(`${what} was not ready after ${timeoutMs} ms:\n${read()}`);
    await sleep(20);
  }
}

/** A stand-in renderer directory for `--root` / startWebServer (the bench never requests a page). */
export async function tempRenderer(teardown: Teardown): Promise<string> {
  const parent = await mkdtemp(path.join(tmpdir(), 'baton-sync-bench-'));
  teardown.add(() => rm(parent, { recursive: true, force: true }));
  const root = path.join(parent, 'renderer');
  await mkdir(root, { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Baton</title>\n');
  return root;
}

/** A running `baton serve` process. */
export interface BatonServe {
  readonly child: ChildProcess;
  /** ws://127.0.0.1:PORT/sync */
  readonly syncUrl: string;
  output(): string;
}

/** Starts `baton serve --port 0` from source (node --import tsx electron/cli.ts) and waits for its sync address. */
export async function startBatonServe(teardown: Teardown, root: string, extraArgs: string[] = []): Promise<BatonServe> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_SOURCE, 'serve', '--port', '0', '--token', BENCH_TOKEN, '--root', root, ...extraArgs], {
    cwd: REPO_ROOT,
    env: { ...process.env, BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  teardown.add(() => stopChild(child));
  let text = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const [, syncUrl] = await waitForText(() => text, /Live sync at (ws:\/\/\S+)/, 30_000, exited, 'baton serve');
  return { child, syncUrl: syncUrl!, output: () => text };
}

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

/** A throwaway redis-server on a free loopback port: no snapshots, no append-only file. */
export async function startRedis(teardown: Teardown): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  teardown.add(() => stopChild(child, 'SIGKILL'));
  let text = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await waitForText(() => text, /Ready to accept connections/i, 10_000, exited, 'redis-server');
  return { url: `redis://127.0.0.1:${port}`, child };
}

type ProviderOptions = ConstructorParameters<typeof HocuspocusProvider>[0];

/** A stock provider on `doc`, with ws as its WebSocket (Node 20 has no global one). */
export function connectProvider(url: string, name: string, doc: Y.Doc, extra: Partial<ProviderOptions> = {}): HocuspocusProvider {
  return new HocuspocusProvider({
    url,
    name,
    document: doc,
    token: BENCH_TOKEN,
    WebSocketPolyfill: WebSocket,
    // Reconnect quickly should a socket drop, instead of the default back-off.
    delay: 50,
    minDelay: 50,
    maxDelay: 500,
    ...extra,
  } as unknown as ProviderOptions);
}

/** Polls `condition` until it holds; throws naming `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean, timeoutMs: number, intervalMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A growable list of latency samples (ms) with percentiles, cheap enough for millions of samples. */
export class Samples {
  private values = new Float64Array(1024);
  private sorted: Float64Array | null = null;
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = value;
    this.sorted = null;
  }

  append(values: Float64Array): void {
    for (const value of values) this.push(value);
  }

  /** A copy of the samples, in the order they came. */
  toArray(): Float64Array {
    return this.values.slice(0, this.length);
  }

  /** The p-th percentile (0–100), same definition as harness.percentile; NaN when empty. */
  percentile(p: number): number {
    if (this.length === 0) return Number.NaN;
    this.sorted ??= this.values.slice(0, this.length).sort();
    return this.sorted[Math.min(this.length - 1, Math.max(0, Math.ceil((p / 100) * this.length) - 1))]!;
  }

  max(): number {
    return this.percentile(100);
  }
}
