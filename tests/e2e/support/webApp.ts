import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWebServer, type WebServer } from '../../../electron/host/webServer';

/** The built renderer that `npm run build` leaves in dist/. */
export const RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/renderer');

/** Serves the built app in web mode on a free loopback port. */
export async function serveWebApp(): Promise<WebServer> {
  const started = await startWebServer({ root: RENDERER_DIR, host: '127.0.0.1', port: 0 });
  if (!started.ok) throw new Error(`web mode did not start: ${started.error.message}`);
  return started.value;
}
