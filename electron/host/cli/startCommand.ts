import { DEFAULT_WEB_HOST } from '../networkAddress';
import { DEFAULT_WEB_PORT, parsePort, RENDERER_DIR_ENV, rendererDirFor } from './cliOptions';
import { defineCommand, wrongUsage } from './command';
import { runDesktopApp } from './desktopApp';
import { runWebMode } from './webMode';

/** The one line `baton start` prints when it falls back to the browser. */
export const WEB_MODE_FALLBACK_NOTICE =
  "Electron's binary is not available on this machine; serving Baton in your browser instead (web mode).";

const HELP = `Usage: baton start [--port N]

Opens the Baton desktop app. Where Electron's binary is not installed, serves Baton
to your browser instead (like \`baton serve --open\`) until Ctrl+C.

Options:
  --port N      port for the browser fallback (default ${DEFAULT_WEB_PORT}; 0 picks a free one)
  --root DIR    renderer build for the browser fallback (development; also $${RENDERER_DIR_ENV})
  -h, --help    show this help
`;

/** `baton start` (what `npm start` runs): the desktop app, or web mode without Electron. */
export const startCommand = defineCommand({
  name: 'start',
  summary: 'open the desktop app, or Baton in your browser where Electron is not installed',
  help: HELP,
  options: {
    port: { type: 'string' },
    root: { type: 'string' },
  },
  async run({ values }, context) {
    const port = parsePort(values.port, DEFAULT_WEB_PORT);
    if (!port.ok) return wrongUsage(port.error);

    const electronBinary = context.locateElectron();
    if (electronBinary !== null) return runDesktopApp(electronBinary, context);

    context.stdout.write(`${WEB_MODE_FALLBACK_NOTICE}\n`);
    return runWebMode(
      { rendererDir: rendererDirFor(values.root, context), host: DEFAULT_WEB_HOST, port: port.value, openBrowser: true },
      context,
    );
  },
});
