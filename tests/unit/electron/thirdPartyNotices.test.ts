/**
 * The licence notices shipped beside the bundles: which package a bundled file belongs to,
 * what is copied from each package, and that a real bundle's notices follow what esbuild put
 * in it (ELK's EPL text with the CLI's ELK bundle, no React in the CLI).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { collectNotices, packageRootOf, renderNotices } from '../../../electron/thirdPartyNotices';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('packageRootOf', () => {
  it('finds the package of a bundled file, scoped, nested or given as a bundler module id', () => {
    expect(packageRootOf('node_modules/yjs/dist/yjs.mjs')).toBe('node_modules/yjs');
    expect(packageRootOf('/app/node_modules/@xyflow/react/dist/esm/index.js')).toBe('/app/node_modules/@xyflow/react');
    expect(packageRootOf('node_modules/a/node_modules/@s/b/lib/x.js')).toBe('node_modules/a/node_modules/@s/b');
    expect(packageRootOf('\0/app/node_modules/react/index.js?commonjs-exports')).toBe('/app/node_modules/react');
  });

  it("gives null for Baton's own files", () => {
    expect(packageRootOf('shared/doc/planDocument.ts')).toBeNull();
    expect(packageRootOf('/app/renderer/main.tsx')).toBeNull();
  });
});

describe('collectNotices', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function fakePackage(name: string, manifest: Record<string, unknown>, files: Record<string, string>): string {
    const root = path.join(dir, 'node_modules', name);
    mkdirSync(path.join(root, 'lib'), { recursive: true });
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name, ...manifest }));
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(root, file), text);
    return root;
  }

  it('lists each package once, by name, with every licence and notice file it ships', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'baton-notices-'));
    const zeta = fakePackage('zeta', { version: '1.0.0', license: 'Apache-2.0' }, { LICENSE: 'Apache text\n', NOTICE: 'Zeta notice', 'README.md': 'not a licence' });
    const alpha = fakePackage('@scope/alpha', { version: '2.1.0', license: 'MIT' }, { 'LICENSE.md': 'MIT text, (c) Alpha' });
    const notices = collectNotices([path.join(zeta, 'lib/a.js'), path.join(zeta, 'lib/b.js'), path.join(alpha, 'index.js'), 'shared/own.ts']);
    expect(notices).toEqual([
      { name: '@scope/alpha', version: '2.1.0', license: 'MIT', texts: [{ file: 'LICENSE.md', text: 'MIT text, (c) Alpha' }] },
      {
        name: 'zeta',
        version: '1.0.0',
        license: 'Apache-2.0',
        texts: [
          { file: 'LICENSE', text: 'Apache text' },
          { file: 'NOTICE', text: 'Zeta notice' },
        ],
      },
    ]);
    const text = renderNotices('the test bundle', notices);
    expect(text).toContain('These 2 packages are bundled into the test bundle.');
    expect(text.indexOf('@scope/alpha 2.1.0')).toBeLessThan(text.indexOf('zeta 1.0.0'));
    expect(text).toContain('Zeta notice');
  });

  it('says so when a package ships no licence file, naming the licence it declares', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'baton-notices-'));
    const bare = fakePackage('bare', { version: '0.1.0', license: 'ISC' }, {});
    const text = renderNotices('the test bundle', collectNotices([path.join(bare, 'index.js')]));
    expect(text).toMatch(/bare 0\.1\.0\nLicence: ISC\n\n\(The package ships no licence file/);
  });
});

describe('the notices of a real bundle', () => {
  async function bundledInputs(entryPoint: string, external: string[] = []): Promise<string[]> {
    const result = await build({ entryPoints: [path.join(ROOT, entryPoint)], bundle: true, platform: 'node', format: 'cjs', write: false, metafile: true, logLevel: 'silent', external: ['electron', ...external], absWorkingDir: ROOT });
    return Object.keys(result.metafile.inputs);
  }

  it("the CLI's notices name the packages it carries, and ELK's bundle carries the EPL text", async () => {
    const cli = collectNotices(await bundledInputs('electron/cli.ts', ['elkjs/lib/elk.bundled.js'])).map((n) => n.name);
    expect(cli).toEqual(expect.arrayContaining(['yjs', 'zod', 'mdast-util-from-markdown', '@hocuspocus/server']));
    expect(cli).not.toContain('react');
    expect(cli).not.toContain('elkjs');
    const elk = collectNotices(await bundledInputs('node_modules/elkjs/lib/elk.bundled.js'));
    expect(elk.map((n) => n.name)).toEqual(['elkjs']);
    expect(elk[0]!.texts.map((t) => t.text).join('\n')).toContain('Eclipse Public License - v 2.0');
  });
});
