// The `baton` command as installed (dist/cli.cjs, package.json `bin`): it runs the CLI
// bundle (dist/baton-cli.cjs, built from cli.ts) through V8's code cache, which spares every
// command but the first of its kind the compiling of the bundle (host/compileCache.ts).
import os from 'node:os';
import path from 'node:path';
import { compileCacheDir, runWithCompileCache } from './host/compileCache';

const run = runWithCompileCache(path.join(__dirname, 'baton-cli.cjs'), process.argv[2] ?? 'cli', compileCacheDir(process.env, process.platform, os.homedir()));
// 'exit' comes once the command is done (or interrupted), with every function it ran compiled.
process.once('exit', () => run.save());
