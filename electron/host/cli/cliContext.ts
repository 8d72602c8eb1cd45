import type { Result } from '../../../shared/model/result';

/** Where a command writes text: the terminal in real use, a buffer in tests. */
export interface TextOutput {
  write(text: string): unknown;
}

/**
 * Everything a command may touch outside its arguments. Commands reach the process only
 * through this, so tests run them in-process with fakes and a plain AbortController.
 */
export interface CliContext {
  readonly stdout: TextOutput;
  readonly stderr: TextOutput;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on SIGINT/SIGTERM: long-running commands (serve, start) stop cleanly when it fires. */
  readonly stopSignal: AbortSignal;
  /** The directory of the built app: `renderer/` and `electron/main.cjs` live here. */
  readonly distDir: string;
  /** Opens the default browser at `url`; a failure is a message worth one line, never a crash. */
  openBrowser(url: string): Promise<Result<void, string>>;
  /** The Electron binary's path, or null when it is not installed on this machine. */
  locateElectron(): string | null;
}
