import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};
/** APP_BUILD_ID from CI, else the build time (UTC), e.g. `20261121T061300Z`. */
const buildId =
  process.env.APP_BUILD_ID || new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');

const THEME = '#0b5d4b';

/** Text files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|geojson|webmanifest|txt)$/;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;
/** Brotli's top quality takes seconds per megabyte; the big geography files get level 9. */
const MAX_QUALITY_BYTES = 1024 * 1024;

/**
 * Writes `file.br` and `file.gz` beside every text file of the build, at the highest levels
 * (done once here, not per request), for the server to send as they are.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'tambon-precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle: {
      sequential: true,
      order: 'post',
      handler() {
        for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
          if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
          const path = join(entry.parentPath, entry.name);
          const body = readFileSync(path);
          if (body.length < MIN_COMPRESS_BYTES) continue;
          writeFileSync(
            `${path}.br`,
            brotliCompressSync(body, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]:
                  body.length > MAX_QUALITY_BYTES ? 9 : constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
              },
            }),
          );
          writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
        }
      },
    },
  };
}

export default defineConfig({
  plugins: [
    preact(),
    precompress(),
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
            // The spreadsheet libraries of the import and export screens (issue 15): lazy,
            // never in the first load.
            {
              name: 'xlsx-write',
              test: /node_modules[\\/](write-excel-file|fflate)[\\/]/,
            },
            {
              name: 'xlsx-read',
              test: /node_modules[\\/](read-excel-file|saxen|unzipper-esm|worker-f)[\\/]/,
            },
            // The map screen's Leaflet and the basemap's pmtiles (issue 16): lazy, with the map.
            { name: 'leaflet', test: /node_modules[\\/](leaflet|pmtiles)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
            // The session and its API client, first-load modules that lazy pages share in
            // different sets: one chunk instead of a dozen small ones (1–2 KB gzip less).
            {
              name: 'session',
              test: /src[\\/]client[\\/](session[\\/]|api[\\/](http|online|authenticated)\.ts)/,
            },
          ],
        },
      },
    },
  },
});
