// Bundles the Node-side entry points (Electron main and preload, the `baton` CLI) into dist/,
// with the licence notices of the packages they carry. The renderer is built by Vite (which
// writes its own notices); everything here runs under Node or Electron's main process.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { collectNotices, renderNotices } from './thirdPartyNotices';

const require = createRequire(import.meta.url);

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
  // electron is provided by the Electron runtime itself, never bundled.
  external: ['electron'],
};

// ELK (3 MB, more than the rest of the CLI) lays out imported plans only; kept in a file of its own,
// it is compiled when a layout needs it instead of at every start of `baton`.
const elkApart: Plugin = {
  name: 'elk-apart',
  setup(b) {
    b.onResolve({ filter: /^elkjs\/lib\/elk\.bundled\.js$/ }, () => ({ path: './elk.cjs', external: true }));
  },
};

const results = await Promise.all([
  build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs' }),
  build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs' }),
  // dist/cli.cjs is the small launcher that runs dist/baton-cli.cjs through V8's code cache.
  build({ ...common, entryPoints: ['electron/cliLauncher.ts'], outfile: 'dist/cli.cjs', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['electron/cli.ts'], outfile: 'dist/baton-cli.cjs', plugins: [elkApart] }),
  build({ ...common, entryPoints: [require.resolve('elkjs/lib/elk.bundled.js')], outfile: 'dist/elk.cjs' }),
]);

const inputs = results.flatMap((result) => Object.keys(result.metafile?.inputs ?? {}));
writeFileSync('dist/THIRD_PARTY_NOTICES.txt', renderNotices('the Baton desktop app and the baton command', collectNotices(inputs)));
