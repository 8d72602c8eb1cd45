/**
 * Bundles main and preload the way electron/bundle.ts does (in memory) and checks what the
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

/** ws's optional speed-ups: absent from the packaged app, and ws works without them. */
const WS_OPTIONAL_NATIVES = ['bufferutil', 'utf-8-validate'];

describe('bundles', () => {
  it('the preload requires nothing but electron (a sandboxed preload cannot load modules)', async () => {
    expect(await runtimeRequires('electron/preload/preload.ts')).toEqual(['electron']);
  });

  it('main requires only electron and Node built-ins (and ws\'s optional native helpers, which it does without)', async () => {
    const outside = (await runtimeRequires('electron/main/main.ts')).filter(
      (name) => name !== 'electron' && !name.startsWith('node:') && !builtinModules.includes(name),
    );
    // The host session's WebSocket server (ws) tries these inside try/catch and falls back to plain JS.
    expect(outside.filter((name) => !WS_OPTIONAL_NATIVES.includes(name))).toEqual([]);
  });

  it('ws loads its optional native helpers only inside try/catch', async () => {
    const source = await build({
      stdin: { contents: "export * from 'ws';", resolveDir: fromRoot('.') },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      logLevel: 'silent',
    });
    const code = source.outputFiles[0]!.text;
    for (const name of WS_OPTIONAL_NATIVES) {
      const at = code.indexOf(`require("${name}")`);
      expect(at, name).toBeGreaterThan(-1);
      // The nearest statement before the require opens a try block.
      expect(code.slice(Math.max(0, at - 200), at), name).toMatch(/try\s*\{[^}]*$/);
    }
  });
});
