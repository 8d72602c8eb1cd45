import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CliContext } from './cliContext';
import { EXIT_CODES, type ExitCode } from './exitCodes';

/**
 * Runs the Electron app (dist/electron/main.cjs) with the terminal's stdio and exits with
 * its code. A stop signal is passed on to the app, which then closes the way it chooses.
 */
export function runDesktopApp(electronBinary: string, context: CliContext): Promise<ExitCode> {
  const mainScript = path.join(context.distDir, 'electron', 'main.cjs');
  if (!existsSync(mainScript)) {
    context.stderr.write(`baton: the desktop app is not built (${mainScript} is missing); run \`npm run build\` first.\n`);
    return Promise.resolve(EXIT_CODES.badInput);
  }
  if (context.stopSignal.aborted) return Promise.resolve(EXIT_CODES.success);

  // Inherited from a parent that runs Electron as Node, this would start a bare Node process instead of the app.
  const { ELECTRON_RUN_AS_NODE: _runAsNode, ...env } = context.env;
  const app = spawn(electronBinary, [mainScript], { stdio: 'inherit', env });

  return new Promise((resolve) => {
    const stopApp = (): void => {
      app.kill('SIGTERM');
    };
    context.stopSignal.addEventListener('abort', stopApp, { once: true });
    const finish = (code: ExitCode): void => {
      context.stopSignal.removeEventListener('abort', stopApp);
      resolve(code);
    };
    app.once('error', (error) => {
      context.stderr.write(`baton: could not start Electron (${electronBinary}): ${error.message}\n`);
      finish(EXIT_CODES.badInput);
    });
    app.once('exit', (code) => {
      // Ended by a signal: clean when we asked it to stop, a failure otherwise.
      finish(code ?? (context.stopSignal.aborted ? EXIT_CODES.success : EXIT_CODES.badInput));
    });
  });
}
