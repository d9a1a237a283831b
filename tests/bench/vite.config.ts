// Builds the bench page (browser/index.html + bench.ts: the real client sync engine and Dexie
// database) into .tmp/bench-dist, which the bench serves from the real server with
// `--static-dir` so the page and the API share one origin. `npx vite build -c tests/bench/vite.config.ts`
// builds it by hand; `npm run bench` builds it every run.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export const BENCH_DIST = fileURLToPath(new URL('../../.tmp/bench-dist', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('./browser', import.meta.url)),
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: BENCH_DIST,
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
});
