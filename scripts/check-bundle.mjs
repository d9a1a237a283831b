// Fails when the JavaScript a first visit loads (the entry chunk and everything it imports
// statically, gzip) is over the budget of docs/architecture.md §7. Lazy chunks do not count.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 80 * 1024;
const DIST = process.argv[2] ?? 'dist';
const manifestPath = join(DIST, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(
    `${manifestPath} is missing: build with \`build.manifest: true\` first (npm run build).`,
  );
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const entry = Object.values(manifest).find((chunk) => chunk.isEntry && chunk.file.endsWith('.js'));
if (!entry) {
  console.error('No JavaScript entry chunk in the Vite manifest.');
  process.exit(1);
}

const firstLoad = new Set();
function collect(chunk) {
  if (firstLoad.has(chunk.file)) return;
  firstLoad.add(chunk.file);
  for (const key of chunk.imports ?? []) collect(manifest[key]);
}
collect(entry);

let total = 0;
for (const file of firstLoad) {
  const size = gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(7)} KB  ${file}`);
}
const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(
  `First-load JS: ${(total / 1024).toFixed(1)} KB gzip, ${verdict} the ${BUDGET_BYTES / 1024} KB budget.`,
);
process.exit(total <= BUDGET_BYTES ? 0 : 1);
