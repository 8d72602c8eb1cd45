import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { collectNotices, renderNotices } from './electron/thirdPartyNotices.ts';

/** Writes THIRD_PARTY_NOTICES.txt beside the bundle: the licences of the packages Rollup put in it. */
function thirdPartyNotices(): Plugin {
  return {
    name: 'baton-third-party-notices',
    apply: 'build',
    generateBundle(_options, bundle) {
      const modules = Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? Object.keys(output.modules) : []));
      this.emitFile({ type: 'asset', fileName: 'THIRD_PARTY_NOTICES.txt', source: renderNotices("the Baton app's window", collectNotices(modules)) });
    },
  };
}

// The renderer is one static bundle: served by the web-mode host and by Electron's app:// protocol.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), thirdPartyNotices()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
