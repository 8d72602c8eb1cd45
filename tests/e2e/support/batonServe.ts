import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/cli.cjs');

/** A real `baton serve` process on a free loopback port: the web app and live sync. */
export interface BatonServe {
  readonly url: string;
  readonly syncUrl: string;
  readonly token: string;
  stop(): Promise<void>;
}

/** Starts `node dist/cli.cjs serve --port 0 --token TOKEN` and waits for its address. */
export async function startBatonServe(token = 'e2e-sync-token-0123456789'): Promise<BatonServe> {
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--token', token], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BROWSER: 'none' } });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`baton serve did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Live sync at (ws:\/\/\S+)/.exec(output);
      const page = /Baton is running at (http:\/\/\S+)/.exec(output);
      if (match && page) {
        clearTimeout(timer);
        resolve(page[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`baton serve exited with ${code}:\n${output}`)));
  });
  return {
    url,
    syncUrl: /Live sync at (ws:\/\/\S+)/.exec(output)![1]!,
    token,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
