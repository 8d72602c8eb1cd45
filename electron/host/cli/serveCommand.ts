import { generateSyncToken } from '../sync/syncAccess';
import { SYNC_PATH } from '../sync/syncEndpoint';
import { DEFAULT_WEB_HOST } from '../networkAddress';
import { DEFAULT_WEB_PORT, parsePort, RENDERER_DIR_ENV, rendererDirFor } from './cliOptions';
import { defineCommand, wrongUsage } from './command';
import { runWebMode } from './webMode';

/** Environment variable holding the sync token when `--token` is not given. */
export const SYNC_TOKEN_ENV = 'BATON_SYNC_TOKEN';

const HELP = `Usage: baton serve [--host HOST] [--port N] [--open] [--token T] [--data DIR] [--redis URL]

Serves Baton to your browser from this machine (web mode) and live sync for your
teammates (ws://HOST:PORT${SYNC_PATH}, the Hocuspocus protocol) on the same port, until Ctrl+C.
The sync address and token are printed once at startup: they are the invite.

Options:
  --host HOST   address to listen on (default ${DEFAULT_WEB_HOST}); any other address
                makes the plan app and sync reachable from the network
  --port N      port to listen on (default ${DEFAULT_WEB_PORT}; 0 picks a free one)
  --open        open the default browser at Baton's address (BROWSER=none turns this off)
  --token T     the secret every sync peer must present (also $${SYNC_TOKEN_ENV});
                without one, a fresh random token is made for this run
  --data DIR    keep every plan as DIR/<plan-id>.baton, written atomically a moment
                after each change and read back on restart; without it plans live in
                memory only while someone is connected
  --redis URL   share plans with other \`baton serve\` instances through Redis
                (redis://HOST:PORT); give them all the same --token and --data
  --root DIR    serve the renderer build in DIR instead of the installed one
                (development; also $${RENDERER_DIR_ENV})
  -h, --help    show this help
`;

/** `baton serve`: the web-mode host and the team sync server. */
export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'serve Baton to your browser and live sync to your teammates from this machine',
  help: HELP,
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    open: { type: 'boolean' },
    token: { type: 'string' },
    data: { type: 'string' },
    redis: { type: 'string' },
    root: { type: 'string' },
  },
  async run({ values }, context) {
    const port = parsePort(values.port, DEFAULT_WEB_PORT);
    if (!port.ok) return wrongUsage(port.error);
    const host = values.host ?? DEFAULT_WEB_HOST;
    if (host.trim() === '') return wrongUsage('--host must not be empty');
    const givenToken = values.token ?? context.env[SYNC_TOKEN_ENV];
    if (givenToken !== undefined && givenToken.trim() === '') {
      return wrongUsage(values.token !== undefined ? '--token must not be empty' : `$${SYNC_TOKEN_ENV} must not be empty`);
    }
    if (values.data !== undefined && values.data.trim() === '') return wrongUsage('--data must not be empty');
    if (values.redis !== undefined && values.redis.trim() === '') return wrongUsage('--redis must not be empty');
    return runWebMode(
      {
        rendererDir: rendererDirFor(values.root, context),
        host,
        port: port.value,
        openBrowser: values.open ?? false,
        sync: { token: givenToken ?? generateSyncToken(), dataDir: values.data, redisUrl: values.redis },
      },
      context,
    );
  },
});
