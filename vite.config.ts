import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};
/** APP_BUILD_ID from CI, else the build time (UTC), e.g. `20261121T061300Z`. */
const buildId =
  process.env.APP_BUILD_ID || new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');

const THEME = '#0b5d4b';

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/client',
      filename: 'sw.ts',
      // We register the worker ourselves (src/client/app/update.ts) and never auto-update:
      // a new version waits for the user and for unsaved input to be saved.
      injectRegister: false,
      registerType: 'prompt',
      manifest: {
        id: '/',
        name: 'Tambon Field — งานภาคสนาม อบต.',
        short_name: 'Tambon Field',
        description: 'สำรวจครัวเรือนและงานสวัสดิการสังคมของ อบต. ใช้งานได้แม้ไม่มีสัญญาณ',
        lang: 'th',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: THEME,
        background_color: '#f6f8f7',
        categories: ['productivity', 'government'],
        icons: [
          { src: '/pwa-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/pwa-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        // The shell only, never the vendored geography (public/geo). The web manifest is not
        // matched here: the plugin adds it to the precache itself, so it is listed once and an
        // offline load never asks the network for it.
        globPatterns: ['**/*.{js,css,html,woff2,png,svg}'],
        globIgnores: ['geo/**'],
      },
      // The icons are matched by globPatterns already; listing them again would add them twice.
      includeManifestIcons: false,
      devOptions: { enabled: false },
    }),
  ],
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
    __BUILD_ID__: JSON.stringify(buildId),
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    // dist/.vite/manifest.json: scripts/check-bundle.mjs sums the first-load chunks from it.
    manifest: true,
    rolldownOptions: {
      output: {
        // Named chunks: the libraries every page needs, and zod, which only forms need (lazy).
        codeSplitting: {
          groups: [
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
            // AES-GCM for the sealed fields: loaded at unlock, not with the lock screen.
            { name: 'cipher', test: /node_modules[\\/]@noble[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
});
