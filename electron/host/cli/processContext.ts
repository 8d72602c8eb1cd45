import { constants } from 'node:os';
import type { CliContext } from './cliContext';
import { distDirFor, locateElectronBinary, runningCliDir } from './installation';
import { openInBrowser } from './openBrowser';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** The real process behind a CliContext, with a dispose that removes the signal handlers. */
export function createProcessContext(): { readonly context: CliContext; dispose(): void } {
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    // A second Ctrl+C means "now": a command that is not watching the stop signal must not
    // hold the terminal hostage.
    if (stop.signal.aborted) process.exit(128 + (constants.signals[signal] ?? 0));
    stop.abort(signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);

  const distDir = distDirFor(runningCliDir());
  const context: CliContext = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    stopSignal: stop.signal,
    distDir,
    openBrowser: (url) => openInBrowser(url, { env: process.env, platform: process.platform }),
    locateElectron: () => locateElectronBinary(distDir),
  };
  return {
    context,
    dispose: () => {
      for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    },
  };
}
