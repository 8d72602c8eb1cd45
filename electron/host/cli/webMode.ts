import { existsSync } from 'node:fs';
import path from 'node:path';
import { isLoopbackHost } from '../networkAddress';
import { redactedRedisUrl, SYNC_PATH } from '../sync/syncEndpoint';
import type { SyncServer } from '../sync/syncServer';
import type { CliContext } from './cliContext';
import { EXIT_CODES, type ExitCode } from './exitCodes';
import { whenAborted } from './stopSignal';

/** How to run Baton in the browser. */
export interface WebModeOptions {
  readonly rendererDir: string;
  readonly host: string;
  readonly port: number;
  readonly openBrowser: boolean;
  /** Also serve live sync (Hocuspocus) at /sync on the same port. */
  readonly sync?: WebModeSyncOptions;
}

/** The sync endpoint of `baton serve`. */
export interface WebModeSyncOptions {
  /** The secret every peer presents; printed once at startup as part of the invite, never logged. */
  readonly token: string;
  readonly dataDir?: string;
  readonly redisUrl?: string;
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

  // Loaded here, not at the top: every other command (export, import, ...) would otherwise
  // pay for loading the web server, Hocuspocus, ws and ioredis at each start.
  const { startWebServer } = await import('../webServer');
  const started = await startWebServer({ root: options.rendererDir, host: options.host, port: options.port });
  if (!started.ok) {
    const hint = started.error.kind === 'port-in-use' ? ' Choose another with --port N (0 picks a free one).' : '';
    context.stderr.write(`baton: ${started.error.message}${hint}\n`);
    return EXIT_CODES.badInput;
  }
  const web = started.value;

  let sync: SyncServer | null = null;
  if (options.sync) {
    const { createSyncServer } = await import('../sync/syncServer');
    const created = await createSyncServer({
      server: web.server,
      token: options.sync.token,
      dataDir: options.sync.dataDir,
      redisUrl: options.sync.redisUrl,
      log: (line) => context.stderr.write(`baton serve: ${line}\n`),
    });
    if (!created.ok) {
      await web.close();
      context.stderr.write(`baton: ${created.error}\n`);
      return EXIT_CODES.badInput;
    }
    sync = created.value;
  }

  if (!isLoopbackHost(options.host)) {
    context.stderr.write(`Warning: listening on ${options.host}, so the plan app is reachable from the network.\n`);
  }
  context.stdout.write(`Baton is running at ${web.url}\n`);
  if (options.sync && sync) printSyncInvite(options.sync, sync, web.url, context);
  context.stdout.write('Press Ctrl+C to stop.\n');
  if (options.openBrowser) {
    void context.openBrowser(web.url).then((opened) => {
      if (!opened.ok && !context.stopSignal.aborted) {
        context.stdout.write(`Could not open a browser (${opened.error}); open ${web.url} yourself.\n`);
      }
    });
  }

  await whenAborted(context.stopSignal);
  // Sync first: its last writes need the documents, and its peers are told goodbye before the port closes.
  await sync?.close();
  await web.close();
  context.stdout.write('Baton stopped.\n');
  return EXIT_CODES.success;
}

/** The invite, printed once: where teammates connect, and the token they need. */
function printSyncInvite(options: WebModeSyncOptions, sync: SyncServer, webUrl: string, context: CliContext): void {
  const syncUrl = `${webUrl.replace(/^http/, 'ws').replace(/\/$/, '')}${SYNC_PATH}`;
  context.stdout.write(`Live sync at ${syncUrl}\n`);
  context.stdout.write(`Sync token: ${options.token}\n`);
  context.stdout.write('  (give both to your teammates: anyone with the token can read and edit every plan here)\n');
  context.stdout.write(
    sync.dataDir === null
      ? 'Plans are kept in memory only while someone is connected (--data DIR keeps them on disk).\n'
      : `Plans are saved in ${sync.dataDir}\n`,
  );
  if (options.redisUrl) context.stdout.write(`Sharing plans with other Baton servers through Redis at ${redactedRedisUrl(options.redisUrl)}\n`);
}
