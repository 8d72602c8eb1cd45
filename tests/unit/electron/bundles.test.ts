/**
 * Bundles main and preload the way electron/bundle.mjs does (in memory) and checks what the
 * bundles still `require` at run time: the sandboxed preload can load only `electron`, and
 * main must not depend on anything outside the bundle but Electron and Node's built-ins.
 */
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const fromRoot = (file: string) => fileURLToPath(new URL(`../../../${file}`, import.meta.url));

async function runtimeRequires(entryPoint: string): Promise<string[]> {
  const result = await build({
    entryPoints: [fromRoot(entryPoint)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  return [...new Set([...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]!))].sort();
}

describe('bundles', () => {
  it('the preload requires nothing but electron (a sandboxed preload cannot load modules)', async () => {
    expect(await runtimeRequires('electron/preload/preload.ts')).toEqual(['electron']);
  });

  it('main requires only electron and Node built-ins', async () => {
    const outside = (await runtimeRequires('electron/main/main.ts')).filter(
      (name) => name !== 'electron' && !name.startsWith('node:') && !builtinModules.includes(name),
    );
    expect(outside).toEqual([]);
  });
});
