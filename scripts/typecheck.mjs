// `npm run typecheck`: each layer against its own libraries (docs/architecture.md#layers), then the
// tests and tool configs. A layer using what its runtime lacks (the DOM in src/shared or on the
// server, Node in the browser) fails here, not in the field.
import { spawnSync } from 'node:child_process';

const PROJECTS = [
  ['tsconfig.shared.json', 'src/shared: the language only (no DOM, no Node)'],
  ['tsconfig.client.json', 'src/client: the browser (DOM)'],
  ['tsconfig.sw.json', 'src/client/sw.ts: the service worker (WebWorker)'],
  ['tsconfig.server.json', 'src/server: Node'],
  ['tsconfig.json', 'tests and tool configs (DOM, WebWorker and Node)'],
];

let failed = 0;
for (const [project, what] of PROJECTS) {
  console.log(`tsc -p ${project}   # ${what}`);
  const { status } = spawnSync('node_modules/.bin/tsc', ['-p', project, '--noEmit'], {
    stdio: 'inherit',
  });
  if (status !== 0) failed++;
}
if (failed > 0) console.error(`typecheck: ${failed} of ${PROJECTS.length} projects failed`);
process.exit(failed === 0 ? 0 : 1);
