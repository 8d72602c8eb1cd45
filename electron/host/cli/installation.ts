import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The directory of the running `baton` entry script. Bundled into dist/cli.cjs the code is
 * CommonJS and has __dirname; run from source (`node --import tsx electron/cli.ts`) it is
 * an ES module without one, and the entry script path names the directory instead.
 */
export function runningCliDir(): string {
  if (typeof __dirname === 'string') return __dirname;
  const entry = process.argv[1];
  return entry ? path.dirname(realpathSync(entry)) : process.cwd();
}

/**
 * The directory of the built app (renderer/, electron/main.cjs) for a CLI living in
 * `cliDir`: the bundle sits in dist/ itself; the source entry sits in electron/, beside dist/.
 */
export function distDirFor(cliDir: string): string {
  return path.basename(cliDir) === 'electron' ? path.resolve(cliDir, '..', 'dist') : cliDir;
}

/**
 * The Electron binary's path, or null when it is not usable here. The `electron` package
 * exports the path of its downloaded binary and throws when the download never happened
 * (an offline install, a machine without a display server's libraries, a production
 * install without dev dependencies).
 */
export function locateElectronBinary(fromDir: string): string | null {
  try {
    const requireFromApp = createRequire(path.join(fromDir, 'baton-cli.js'));
    const binary: unknown = requireFromApp('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}
