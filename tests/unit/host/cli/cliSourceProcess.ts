import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { CapturedOutput } from './fakeCliContext';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const CLI_SOURCE = path.join(REPO_ROOT, 'electron', 'cli.ts');

/** A `baton` process started from source, with its output captured as it comes. */
export interface CliSourceProcess {
  readonly child: ChildProcess;
  readonly stdout: CapturedOutput;
  readonly stderr: CapturedOutput;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs `baton ARGS` from source through tsx's loader in one process, so a signal reaches
 * the CLI itself and not a wrapper; no browser is ever opened.
 */
export function spawnCliFromSource(args: readonly string[], env: Record<string, string> = {}): CliSourceProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_SOURCE, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, BROWSER: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout = new CapturedOutput();
  const stderr = new CapturedOutput();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => stdout.write(chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.write(chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout, stderr, exited };
}
