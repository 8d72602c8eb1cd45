/**
 * Runs a CommonJS bundle through V8's code cache. Node 20 has no module compile cache
 * (`module.enableCompileCache` arrived in Node 22), so without one every `baton` command
 * parses and compiles its 2 MB bundle afresh, and compiles lazily every function it calls.
 * The cache is written after a command has run, so it holds each function that command
 * compiled rather than the top level alone; there is one cache per command, since `export`
 * and `serve` run different code. A cache never fails a command: a missing, stale or damaged
 * one is ignored (V8 checks it against the source and rejects what does not fit) and rewritten.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** What became of the cache on one run. */
export type CompileCacheState = 'hit' | 'miss' | 'rejected' | 'off';

/** A bundle that has been run, and its cache. */
export interface CompileCacheRun {
  readonly state: CompileCacheState;
  /** Writes the cache for the next run when this one had none it could use; call it once the program is done. */
  save(): void;
}

/**
 * Where the compile caches live: `BATON_CACHE_DIR` when set (`off` or empty: no cache), else
 * the user's own cache directory for the platform, never a shared temp directory (a cache
 * someone else planted there would be run as code).
 */
export function compileCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string | undefined {
  const chosen = env.BATON_CACHE_DIR;
  if (chosen !== undefined) return chosen === '' || chosen === 'off' ? undefined : path.resolve(chosen);
  if (!home) return undefined;
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'Baton');
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'Baton', 'Cache');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'baton');
}

/** A cache's name: the label, then a digest of what V8 compiled (the source, this Node) so a new bundle never meets an old cache. */
function cacheFileName(label: string, source: string): string {
  const digest = createHash('sha256').update(process.version).update(process.arch).update(source).digest('hex').slice(0, 16);
  return `${label}-${digest}.v8cache`;
}

function readCache(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes `data` beside `file` and renames it over, then removes this label's caches of other bundles. */
function writeCache(dir: string, name: string, label: string, data: Buffer): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const target = path.join(dir, name);
    const temp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, target);
    for (const other of fs.readdirSync(dir)) {
      if (other !== name && other.startsWith(`${label}-`) && other.endsWith('.v8cache')) fs.rmSync(path.join(dir, other), { force: true });
    }
  } catch {
    // An unwritable cache directory costs the next run its head start, nothing more.
  }
}

/**
 * Runs the CommonJS file `file` as Node would (its own `require`, `module`, `__filename`,
 * `__dirname`), compiled with the cache kept under `cacheDir` for `label` (a short name such
 * as the command; anything else becomes `cli`). With no `cacheDir` it runs uncached.
 */
export function runWithCompileCache(file: string, label: string, cacheDir: string | undefined): CompileCacheRun {
  const safeLabel = /^[a-z][a-z0-9-]{0,31}$/.test(label) ? label : 'cli';
  let source = fs.readFileSync(file, 'utf8');
  // A `#!` line is only valid at the very start of a script, and the wrapper goes before it.
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  const name = cacheFileName(safeLabel, source);
  const cached = cacheDir !== undefined ? readCache(path.join(cacheDir, name)) : undefined;
  // The wrapper shares the first line with the source, so line numbers in stack traces stay true.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cached ? { cachedData: cached } : {}),
  });
  const state: CompileCacheState = cacheDir === undefined ? 'off' : !cached ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit';
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  const main = script.runInThisContext() as (...args: unknown[]) => void;
  main.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  let saved = false;
  return {
    state,
    save() {
      if (saved || cacheDir === undefined || state === 'hit') return;
      saved = true;
      writeCache(cacheDir, name, safeLabel, script.createCachedData());
    },
  };
}
