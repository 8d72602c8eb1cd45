import { spawn, type ChildProcess } from 'node:child_process';
import { fail, ok, type Result } from '../../../shared/model/result';

/** What opening a browser needs from the process; passed in so tests choose the PATH and platform. */
export interface BrowserLaunchOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  /** How long a launcher may take to report failure before it counts as having worked. */
  readonly settleMs?: number;
}

/** The system's "open this URL" launcher for a platform. */
export function browserLauncherFor(platform: NodeJS.Platform, url: string): { readonly command: string; readonly args: readonly string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd built-in; its first quoted argument is a window title, hence the empty one.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

/**
 * Asks the system to open `url` in the default browser. Never throws: a machine without a
 * browser or launcher (a server, a container) gets a failure message to print in one line.
 * `BROWSER=none`, the convention of Vite and create-react-app, turns opening off.
 */
export function openInBrowser(url: string, options: BrowserLaunchOptions): Promise<Result<void, string>> {
  if (options.env.BROWSER === 'none') return Promise.resolve(ok(undefined));
  const { command, args } = browserLauncherFor(options.platform, url);
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      // Detached and unreferenced: the browser must outlive `baton serve`, and must not keep it alive.
      child = spawn(command, [...args], {
        detached: true,
        stdio: 'ignore',
        env: options.env,
        windowsVerbatimArguments: options.platform === 'win32',
      });
    } catch (error) {
      resolve(fail(`${command} could not start: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    let settled = false;
    const settle = (result: Result<void, string>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    // Some launchers (xdg-open running a browser directly) only return when the browser closes.
    const timer = setTimeout(() => settle(ok(undefined)), options.settleMs ?? 3000);
    timer.unref();
    child.once('error', (error: NodeJS.ErrnoException) => {
      settle(fail(error.code === 'ENOENT' ? `${command} is not installed` : `${command} failed: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      settle(code === 0 ? ok(undefined) : fail(`${command} ${signal ? `was stopped by ${signal}` : `exited with code ${code}`}`));
    });
    child.unref();
  });
}
