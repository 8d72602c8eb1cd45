import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { distDirFor, locateElectronBinary } from '../../../../electron/host/cli/installation';

describe('distDirFor', () => {
  it('is the bundle’s own directory, or dist/ beside the source electron/ directory', () => {
    expect(distDirFor('/opt/baton/dist')).toBe('/opt/baton/dist');
    expect(distDirFor('/home/me/node_modules/baton/dist')).toBe('/home/me/node_modules/baton/dist');
    expect(distDirFor('/work/baton/electron')).toBe('/work/baton/dist');
  });
});

// A fake `electron` package in a temp app directory plays each way the real one can behave.
describe('locateElectronBinary', () => {
  let appDir: string;
  beforeEach(async () => {
    appDir = await mkdtemp(path.join(tmpdir(), 'baton-app-'));
    await mkdir(path.join(appDir, 'node_modules', 'electron'), { recursive: true });
  });
  afterEach(async () => {
    await rm(appDir, { recursive: true, force: true });
  });

  const installFakeElectron = (source: string) => writeFile(path.join(appDir, 'node_modules', 'electron', 'index.js'), source);

  it('returns the path the electron package exports when the binary exists', async () => {
    const binary = path.join(appDir, 'electron-binary');
    await writeFile(binary, '');
    await installFakeElectron(`module.exports = ${JSON.stringify(binary)};`);
    expect(locateElectronBinary(appDir)).toBe(binary);
  });

  it('returns null when the package throws, as it does when the download never happened', async () => {
    await installFakeElectron("throw new Error('Electron failed to install correctly');");
    expect(locateElectronBinary(appDir)).toBeNull();
  });

  it('returns null when the exported path does not exist', async () => {
    await installFakeElectron(`module.exports = ${JSON.stringify(path.join(appDir, 'gone'))};`);
    expect(locateElectronBinary(appDir)).toBeNull();
  });

  it('returns null when the package is not installed at all', async () => {
    await rm(path.join(appDir, 'node_modules'), { recursive: true });
    expect(locateElectronBinary(appDir)).toBeNull();
  });
});
