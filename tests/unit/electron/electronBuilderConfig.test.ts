import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { load as parseYaml } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

// electron-builder's own JSON schema (draft-07). It uses union types (`"type": ["null",
// "string"]`) and a custom annotation keyword `typeof` (for hook functions), so strict mode
// needs allowUnionTypes and that keyword declared; everything else stays strict.
function compileBuilderSchema() {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  ajv.addKeyword('typeof');
  return ajv.compile(schema);
}

const validate = compileBuilderSchema();

type Config = Record<string, any>;
const loadConfig = (): Config => parseYaml(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Config;
const config = loadConfig();

function errorsOf(candidate: unknown): string[] {
  return validate(candidate) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** The target names of a platform section, whichever form (string, list, objects) it uses. */
function targetsOf(section: Config | undefined): string[] {
  const target = section?.target;
  const list = Array.isArray(target) ? target : [target];
  return list.map((t) => (typeof t === 'string' ? t : t?.target)).filter((t): t is string => typeof t === 'string');
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s schema', () => {
    expect(errorsOf(config)).toEqual([]);
  });

  it('passes electron-builder’s own validation, which `npm run dist` runs first', async () => {
    await expect(validateConfiguration(loadConfig() as never, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...loadConfig(), appID: 'x' } as never, new DebugLogger(false))).rejects.toThrow(/unknown property 'appID'/);
  });

  it('names the app', () => {
    expect(config.appId).toBe('dev.baton.app');
    expect(config.productName).toBe('Baton');
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
  });

  it('builds AppImage and deb for Linux, dmg for macOS, an assisted per-user NSIS installer for Windows', () => {
    expect(targetsOf(config.linux).sort()).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Development');
    expect(config.linux.maintainer).toMatch(/<[^@\s>]+@[^@\s>]+>/);
    expect(config.linux.synopsis).toEqual(expect.any(String));
    expect(targetsOf(config.mac)).toEqual(['dmg']);
    expect(config.mac.category).toBe('public.app-category.developer-tools');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(targetsOf(config.win)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false });
  });

  it('associates .baton files, with document icons that exist for macOS and Windows', () => {
    const associations = config.fileAssociations as Config[];
    const baton = associations.find((a) => a.ext === 'baton' || (Array.isArray(a.ext) && a.ext.includes('baton')));
    expect(baton).toMatchObject({ name: 'Baton plan', role: 'Editor', mimeType: 'application/x-baton-plan' });
    expect(baton!.description).toEqual(expect.any(String));
    // electron-builder looks for `<icon>.icns` / `<icon>.ico` in buildResources and fails the build if absent.
    const resources = path.join(ROOT, config.directories.buildResources);
    expect(existsSync(path.join(resources, `${baton!.icon}.icns`))).toBe(true);
    expect(existsSync(path.join(resources, `${baton!.icon}.ico`))).toBe(true);
    expect(readFileSync(path.join(resources, `${baton!.icon}.icns`)).toString('ascii', 0, 4)).toBe('icns');
    expect(readFileSync(path.join(resources, `${baton!.icon}.ico`)).readUInt16LE(2)).toBe(1); // ICO type: icon
  });

  it('has a 512x512 app icon with its SVG source', () => {
    const resources = path.join(ROOT, config.directories.buildResources);
    expect(pngSize(path.join(resources, 'icon.png'))).toEqual({ width: 512, height: 512 });
    expect(readFileSync(path.join(resources, 'icon.svg'), 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 512 512"/);
  });

  it('ships only the bundled app and package.json, without source maps, starting at the bundled main', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'package.json']));
    expect(config.files.some((p: string) => /^!.*\*\.map$/.test(p))).toBe(true);
    expect(config.extraMetadata.main).toBe('dist/electron/main.cjs');
    // The bundler must write main where the packaged app will look for it.
    expect(readFileSync(path.join(ROOT, 'electron/bundle.ts'), 'utf8')).toContain(`outfile: '${config.extraMetadata.main}'`);
  });
});

describe('the schema check itself', () => {
  // Each mistake is one a person could make in the YAML; the schema must catch all of them,
  // or the "valid" test above proves nothing.
  it.each<[string, (c: Config) => void]>([
    ['a misspelt top-level key (appID)', (c) => void (c.appID = c.appId)],
    ['a misspelt nested key (nsis.oneclick)', (c) => void (c.nsis.oneclick = false)],
    ['a misspelt association key (mimetype)', (c) => void (c.fileAssociations[0].mimetype = 'x')],
    ['a wrong type (hardenedRuntime: "yes")', (c) => void (c.mac.hardenedRuntime = 'yes')],
    ['an association without ext', (c) => void delete c.fileAssociations[0].ext],
    ['a wrong type for directories', (c) => void (c.directories = 'release')],
  ])('rejects %s', (_what, mutate) => {
    const broken = loadConfig();
    mutate(broken);
    expect(errorsOf(broken)).not.toEqual([]);
  });
});
