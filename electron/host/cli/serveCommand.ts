import { DEFAULT_WEB_HOST } from '../webServer';
import { DEFAULT_WEB_PORT, parsePort, RENDERER_DIR_ENV, rendererDirFor } from './cliOptions';
import { defineCommand, wrongUsage } from './command';
import { runWebMode } from './webMode';

const HELP = `Usage: baton serve [--host HOST] [--port N] [--open]

Serves Baton to your browser from this machine (web mode) until Ctrl+C.

Options:
  --host HOST   address to listen on (default ${DEFAULT_WEB_HOST}); any other address
                makes the plan app reachable from the network
  --port N      port to listen on (default ${DEFAULT_WEB_PORT}; 0 picks a free one)
  --open        open the default browser at Baton's address (BROWSER=none turns this off)
  --root DIR    serve the renderer build in DIR instead of the installed one
                (development; also $${RENDERER_DIR_ENV})
  -h, --help    show this help
`;

/** `baton serve`: the web-mode host. */
export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'serve Baton to your browser from this machine (web mode)',
  help: HELP,
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    open: { type: 'boolean' },
    root: { type: 'string' },
  },
  async run({ values }, context) {
    const port = parsePort(values.port, DEFAULT_WEB_PORT);
    if (!port.ok) return wrongUsage(port.error);
    const host = values.host ?? DEFAULT_WEB_HOST;
    if (host.trim() === '') return wrongUsage('--host must not be empty');
    return runWebMode(
      { rendererDir: rendererDirFor(values.root, context), host, port: port.value, openBrowser: values.open ?? false },
      context,
    );
  },
});
