// `npm start`: builds the PWA when the sources are newer than the last build, then runs the
// server (one process: app + API) with the given arguments.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const serverOnlyCommands = new Set(['create-admin', '--help', '-h']);
const needsApp = !args.some((a) => serverOnlyCommands.has(a));

const BUILD_INPUTS = [
  'index.html',
  'vite.config.ts',
  'package.json',
  'src/client',
  'src/shared',
  'public',
];
const BUILD_MARKER = 'dist/index.html';

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function buildIsStale() {
  if (!existsSync(BUILD_MARKER)) return true;
  const builtAt = statSync(BUILD_MARKER).mtimeMs;
  return BUILD_INPUTS.some((input) => newestMtime(input) > builtAt);
}

if (needsApp && buildIsStale()) {
  console.log('Building the app (first start, or the sources changed)…');
  const build = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
    {
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
