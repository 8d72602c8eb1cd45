import path from 'node:path';
import { fail, ok, type Result } from '../../../shared/model/result';
import type { CliContext } from './cliContext';

/** The web-mode port when none is given: fixed, so bookmarks keep working. */
export const DEFAULT_WEB_PORT = 4317;

/** Environment variable naming a renderer build to serve instead of dist/renderer (development, tests). */
export const RENDERER_DIR_ENV = 'BATON_RENDERER_DIR';

/** `--port` as a number from 0 (any free port) to 65535, or a message saying what is wrong. */
export function parsePort(text: string | undefined, fallback: number): Result<number, string> {
  if (text === undefined) return ok(fallback);
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) return fail(`--port must be a whole number from 0 to 65535, got ${JSON.stringify(text)}`);
  return ok(port);
}

/** The renderer build to serve: `--root`, else $BATON_RENDERER_DIR, else the one beside the CLI. */
export function rendererDirFor(rootFlag: string | undefined, context: CliContext): string {
  const chosen = rootFlag ?? context.env[RENDERER_DIR_ENV];
  return chosen ? path.resolve(chosen) : path.join(context.distDir, 'renderer');
}
