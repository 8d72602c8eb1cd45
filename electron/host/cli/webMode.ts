import { existsSync } from 'node:fs';
import path from 'node:path';
import { isLoopbackHost } from '../networkAddress';
import { startWebServer } from '../webServer';
import type { CliContext } from './cliContext';
import { EXIT_CODES, type ExitCode } from './exitCodes';
import { whenAborted } from './stopSignal';

/** How to run Baton in the browser. */
export interface WebModeOptions {
  readonly rendererDir: string;
  readonly host: string;
  readonly port: number;
  readonly openBrowser: boolean;
}

/**
 * Serves the renderer until the stop signal fires (SIGINT/SIGTERM), then closes the server
 * so the port is free again. Shared by `baton serve` and `baton start`'s browser fallback.
 */
export async function runWebMode(options: WebModeOptions, context: CliContext): Promise<ExitCode> {
  const indexFile = path.join(options.rendererDir, 'index.html');
  if (!existsSync(indexFile)) {
    context.stderr.write(`baton: the app is not built (${indexFile} is missing); run \`npm run build\` first.\n`);
    return EXIT_CODES.badInput;
  }

  const started = await startWebServer({ root: options.rendererDir, host: options.host, port: options.port });
  if (!started.ok) {
    const hint = started.error.kind === 'port-in-use' ? ' Choose another with --port N (0 picks a free one).' : '';
    context.stderr.write(`baton: ${started.error.message}${hint}\n`);
    return EXIT_CODES.badInput;
  }
  const web = started.value;

  if (!isLoopbackHost(options.host)) {
    context.stderr.write(`Warning: listening on ${options.host}, so the plan app is reachable from the network.\n`);
  }
  context.stdout.write(`Baton is running at ${web.url}\n`);
  context.stdout.write('Press Ctrl+C to stop.\n');
  if (options.openBrowser) {
    void context.openBrowser(web.url).then((opened) => {
      if (!opened.ok && !context.stopSignal.aborted) {
        context.stdout.write(`Could not open a browser (${opened.error}); open ${web.url} yourself.\n`);
      }
    });
  }

  await whenAborted(context.stopSignal);
  await web.close();
  context.stdout.write('Baton stopped.\n');
  return EXIT_CODES.success;
}
