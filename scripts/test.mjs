// `npm test`: every check of the project in one run, ending with the one line CI reads:
// `N passed, N failed`. Suites: typecheck (each layer's tsconfig), lint, imports (the layer
// rules), unit, integration (SQLite always, PostgreSQL when reachable; REQUIRE_POSTGRES=1 makes
// it mandatory), e2e in Chromium (when a browser is found; REQUIRE_E2E=1 makes it mandatory)
// and Lighthouse on the same build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const TMP = '.tmp';
mkdirSync(TMP, { recursive: true });
const node = process.execPath;
const results = [];

function run(command, args, env = {}) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return child.status ?? 1;
}

function record(suite, passed, failed, note = '') {
  results.push({ suite, passed, failed, note });
}

function check(suite, command, args) {
  const status = run(command, args);
  record(suite, status === 0 ? 1 : 0, status === 0 ? 0 : 1);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function vitestSuite(project) {
  const out = `${TMP}/${project}.json`;
  rmSync(out, { force: true });
  const status = run(node, [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${out}`,
  ]);
  const report = readJson(out);
  const passed = report?.numPassedTests ?? 0;
  // A file that fails to load (e.g. PostgreSQL required but down) fails no single test.
  let failed = (report?.numFailedTests ?? 0) + (report?.numFailedTestSuites ?? 0);
  if (status !== 0 && failed === 0) failed = 1;
  record(project, passed, failed);
}

function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path) => path && existsSync(path));
}

function e2eSuite() {
  const chromium = chromiumPath();
  if (!chromium) {
    if (process.env.REQUIRE_E2E === '1') record('e2e', 0, 1, 'REQUIRE_E2E=1 but no Chromium found');
    else record('e2e', 0, 0, 'not run: no Chromium (set CHROMIUM_PATH)');
    return false;
  }
  const build = run(node, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
  if (build !== 0) {
    record('e2e', 0, 1, 'vite build failed');
    return false;
  }
  const out = `${TMP}/e2e.json`;
  rmSync(out, { force: true });
  const status = run(node, ['node_modules/@playwright/test/cli.js', 'test'], {
    CHROMIUM_PATH: chromium,
  });
  const stats = readJson(out)?.stats;
  const passed = (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  let failed = stats?.unexpected ?? 0;
  if (status !== 0 && failed === 0) failed = 1;
  record('e2e', passed, failed);
  return true;
}

/** Lighthouse (mobile) on the build e2e just made, with its own demo server. */
function lighthouseSuite() {
  const started = Date.now();
  const status = run(node, ['scripts/lighthouse.mjs'], { CHROMIUM_PATH: chromiumPath() });
  const seconds = `${Math.round((Date.now() - started) / 1000)} s`;
  record('lighthouse', status === 0 ? 1 : 0, status === 0 ? 0 : 1, seconds);
}

check('typecheck', node, ['scripts/typecheck.mjs']);
check('lint', 'node_modules/.bin/biome', ['ci', '.']);
// The layer rules of docs/architecture.md#import-rules, also in `lint`: their own row names them.
check('imports', 'node_modules/.bin/biome', [
  'lint',
  '--only=style/noRestrictedImports',
  '--only=suspicious/noImportCycles',
  '--max-diagnostics=none',
  'src',
]);
vitestSuite('unit');
vitestSuite('integration');
if (e2eSuite()) lighthouseSuite();

console.log('\nSuite        passed  failed');
for (const { suite, passed, failed, note } of results) {
  console.log(
    `${suite.padEnd(12)} ${String(passed).padStart(6)}  ${String(failed).padStart(6)}  ${note}`,
  );
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
