import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { OWN_SQLITE } from './env';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
  /** Kills the process at once (SIGKILL), as a crash or a power cut would. */
  kill(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 right now, for a server this test or bench starts. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** Starts the real server (`src/server/main.ts`) as its own process and waits for /api/health. */
export async function startServer(options: {
  port: number;
  staticDir: string;
  dataDir: string;
  demo?: boolean;
  /** Nightly backups (off unless asked: a backup must not run in the middle of a measurement). */
  backups?: boolean;
  /** More environment, e.g. DATABASE_URL and DATABASE_SCHEMA for PostgreSQL. */
  env?: Record<string, string>;
}): Promise<RunningServer> {
  const args = [
    '--import',
    'tsx',
    'src/server/main.ts',
    '--port',
    String(options.port),
    '--host',
    '127.0.0.1',
    '--data-dir',
    options.dataDir,
    '--static-dir',
    options.staticDir,
  ];
  if (options.demo) args.push('--demo');
  if (!options.backups) args.push('--backup-keep', '0');
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    // SQLite in `dataDir` unless the caller names a database (`OWN_SQLITE`).
    env: { ...process.env, ...OWN_SQLITE, ...options.env },
  });
  const url = `http://localhost:${options.port}`;
  await waitForHealth(url, child);
  return {
    url,
    kill: () => ended(child, 'SIGKILL'),
    stop: () => ended(child, 'SIGTERM'),
  };
}

/** Sends `signal` and waits for the exit; at once if the process has already ended. */
function ended(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`server at ${url} did not become healthy in 60 s`);
}
