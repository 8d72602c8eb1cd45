import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileCacheDir, runWithCompileCache } from '../../../electron/host/compileCache';

// A bundle as esbuild writes one: CommonJS, a `#!` line, requiring a built-in and a file
// beside it, using its own __dirname. It leaves a file behind to show that it ran, and how.
const BUNDLE = `#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const { greeting } = require('./beside.cjs');
module.exports = { ran: true };
fs.writeFileSync(path.join(__dirname, 'ran.txt'), greeting + ' from ' + path.basename(__filename) + ' ' + typeof module.exports.ran);
`;

let dir: string;
let cacheDir: string;
let bundle: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'baton-compile-cache-'));
  cacheDir = path.join(dir, 'cache');
  bundle = path.join(dir, 'bundle.cjs');
  writeFileSync(bundle, BUNDLE);
  writeFileSync(path.join(dir, 'beside.cjs'), "exports.greeting = 'hello';");
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ranText = () => readFileSync(path.join(dir, 'ran.txt'), 'utf8');
const caches = () => readdirSync(cacheDir).filter((f) => f.endsWith('.v8cache'));

describe('runWithCompileCache', () => {
  it('runs the bundle as Node would, then writes a cache that the next run uses', () => {
    const first = runWithCompileCache(bundle, 'export', cacheDir);
    expect(first.state).toBe('miss');
    expect(ranText()).toBe('hello from bundle.cjs boolean');
    first.save();
    expect(caches()).toEqual([expect.stringMatching(/^export-[0-9a-f]{16}\.v8cache$/)]);

    // From another path, so V8 reads the cache file rather than what this process compiled.
    const copy = path.join(dir, 'copy.cjs');
    writeFileSync(copy, BUNDLE);
    const second = runWithCompileCache(copy, 'export', cacheDir);
    expect(second.state).toBe('hit');
    expect(ranText()).toBe('hello from copy.cjs boolean');
  });

  it('keeps one cache per command', () => {
    runWithCompileCache(bundle, 'export', cacheDir).save();
    runWithCompileCache(bundle, 'serve', cacheDir).save();
    expect(caches().map((f) => f.split('-')[0]).sort()).toEqual(['export', 'serve']);
    // A label that could name a path is not used as one.
    runWithCompileCache(bundle, '../../etc', cacheDir).save();
    expect(caches().map((f) => f.split('-')[0]).sort()).toEqual(['cli', 'export', 'serve']);
  });

  it('a damaged cache is rejected: the bundle still runs, and the cache is written afresh', () => {
    runWithCompileCache(bundle, 'export', cacheDir).save();
    const [name] = caches();
    writeFileSync(path.join(cacheDir, name!), 'not a V8 code cache at all');
    // The same source from another path: V8 keeps what this process compiled by source and
    // name, and would otherwise answer from memory without reading the cache at all.
    const copy = path.join(dir, 'copy.cjs');
    writeFileSync(copy, BUNDLE);
    const damaged = runWithCompileCache(copy, 'export', cacheDir);
    expect(damaged.state).toBe('rejected');
    expect(ranText()).toBe('hello from copy.cjs boolean');
    damaged.save();
    expect(readFileSync(path.join(cacheDir, name!), 'utf8')).not.toBe('not a V8 code cache at all');
    expect(caches()).toEqual([name]);
  });

  it('a changed bundle never meets the old cache, and the old cache is removed when the new one is written', () => {
    runWithCompileCache(bundle, 'export', cacheDir).save();
    const [old] = caches();
    writeFileSync(bundle, BUNDLE.replace("greeting + ' from '", "greeting + ' again from '"));
    const changed = runWithCompileCache(bundle, 'export', cacheDir);
    expect(changed.state).toBe('miss');
    expect(ranText()).toBe('hello again from bundle.cjs boolean');
    changed.save();
    expect(caches()).toHaveLength(1);
    expect(caches()[0]).not.toBe(old);
  });

  it('an unwritable cache directory costs nothing but the cache', () => {
    writeFileSync(cacheDir, 'a file where the directory should be');
    const run = runWithCompileCache(bundle, 'export', cacheDir);
    expect(run.state).toBe('miss');
    expect(() => run.save()).not.toThrow();
    expect(ranText()).toBe('hello from bundle.cjs boolean');
  });

  it('without a cache directory it runs uncached', () => {
    const run = runWithCompileCache(bundle, 'export', undefined);
    expect(run.state).toBe('off');
    run.save();
    expect(ranText()).toBe('hello from bundle.cjs boolean');
  });

  it('errors thrown by the bundle reach the caller with the bundle named in the stack', () => {
    writeFileSync(bundle, "\nthrow new Error('broken bundle');\n");
    let error: Error | undefined;
    try {
      runWithCompileCache(bundle, 'export', cacheDir);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toBe('broken bundle');
    expect(error?.stack).toContain(`${bundle}:2`);
  });
});

describe('compileCacheDir', () => {
  it("is the user's own cache directory on each platform", () => {
    expect(compileCacheDir({}, 'linux', '/home/ada')).toBe('/home/ada/.cache/baton');
    expect(compileCacheDir({ XDG_CACHE_HOME: '/var/cache/ada' }, 'linux', '/home/ada')).toBe('/var/cache/ada/baton');
    expect(compileCacheDir({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Caches/Baton');
    expect(compileCacheDir({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32', 'C:\\Users\\ada')).toBe(path.join('C:\\Users\\ada\\AppData\\Local', 'Baton', 'Cache'));
  });

  it('BATON_CACHE_DIR chooses another, and "off" or empty turns the cache off', () => {
    expect(compileCacheDir({ BATON_CACHE_DIR: '/tmp/mine' }, 'linux', '/home/ada')).toBe('/tmp/mine');
    expect(compileCacheDir({ BATON_CACHE_DIR: 'off' }, 'linux', '/home/ada')).toBeUndefined();
    expect(compileCacheDir({ BATON_CACHE_DIR: '' }, 'darwin', '/Users/ada')).toBeUndefined();
    expect(compileCacheDir({}, 'linux', '')).toBeUndefined();
  });
});
