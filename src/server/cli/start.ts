import { existsSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../app';
import { scheduleBackups } from '../backup/backups';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemo } from '../demo/load';
import { hasAdmin } from '../setup';
import type { Store } from '../store';
import { describeBackup, writePidFile } from './backup';
import type { CliConfig } from './config';

const PURGE_EVERY_MS = 60 * 60_000;
const KEEP_EXPIRED_MS = 24 * 60 * 60_000;

const BACKUP_CHECK_EVERY_MS = 10 * 60_000;
const BACKUP_FIRST_CHECK_MS = 60_000;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/** `LOG_LEVEL` (default info: startup and errors; debug adds a line per request). */
function logLevel(wanted: string | undefined): string {
  if (!wanted) return 'info';
  if (LOG_LEVELS.includes(wanted)) return wanted;
  console.warn(`LOG_LEVEL=${wanted} is not one of ${LOG_LEVELS.join(', ')}: using info.`);
  return 'info';
}

/** `start`: serve the app and the API until SIGINT/SIGTERM. */
export async function startCommand(store: Store, config: CliConfig, appVersion: string) {
  if (config.demo) await seedDemoCommand(store);
  else if (!(await hasAdmin(store))) {
    console.log(
      '\nNo admin account yet. Create the first one with:\n\n    npm start -- create-admin\n\n' +
        '(or try the demo: npm start -- --demo)\n',
    );
  }

  const staticDir = existsSync(join(config.staticDir, 'index.html')) ? config.staticDir : undefined;
  if (!staticDir) {
    console.warn(`No built app in ${config.staticDir} (run npm run build): serving the API only.`);
  }
  const app = await buildApp({
    store,
    staticDir,
    logger: { level: logLevel(process.env.LOG_LEVEL) },
    appVersion,
    trustProxy: config.trustProxy,
    https: config.tls ?? undefined,
    idleLockMinutes: config.idleLockMinutes,
    sessionMaxAgeMs: config.sessionDays * 24 * 60 * 60_000,
    metricsToken: config.metricsToken,
    // Several processes may serve one PostgreSQL: they must count requests together.
    rateLimitCounters: config.store.kind === 'postgres' ? 'database' : 'memory',
    operations: {
      backupDir: config.backups.dir,
      backupsScheduled: config.backups.keep > 0,
      dataDir: config.store.kind === 'sqlite' ? config.dataDir : null,
    },
  });
  const purgeOld = async () => {
    await store.purgeExpired(new Date(Date.now() - KEEP_EXPIRED_MS).toISOString());
    await store.purgeRateCounters(Date.now() - PURGE_EVERY_MS);
  };
  await purgeOld();
  const purge = setInterval(() => {
    purgeOld().catch((error) => app.log.error({ err: error }, 'purge failed'));
  }, PURGE_EVERY_MS);
  purge.unref();

  await app.listen({ port: config.port, host: config.host });
  const removePidFile = writePidFile(config);
  printAddresses(config);
  const backups =
    config.backups.keep > 0
      ? scheduleBackups({
          store: config.store,
          dir: config.backups.dir,
          appVersion,
          keep: config.backups.keep,
          hour: config.backups.hour,
          checkEveryMs: BACKUP_CHECK_EVERY_MS,
          claims: { store, by: `${hostname()}:${process.pid}` },
          log: (manifest) =>
            manifest.verified
              ? app.log.info(describeBackup(config.backups.dir, manifest))
              : app.log.error(describeBackup(config.backups.dir, manifest)),
        })
      : null;
  // The first check waits a minute, so a server started to try something answers at once.
  setTimeout(() => void backups?.tick(), BACKUP_FIRST_CHECK_MS).unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1); // a second Ctrl-C: do not wait any more
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    clearInterval(purge);
    backups?.stop();
    removePidFile();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** `seed-demo`, and `start --demo`. */
export async function seedDemoCommand(store: Store): Promise<void> {
  const result = await loadDemo(store);
  const added =
    result.villagesCreated +
    result.usersCreated.length +
    result.householdsCreated +
    result.parcelsCreated +
    (result.basemapCreated ? 1 : 0);
  console.log(
    `\nDemo tambon อบต.พระเจ้า ${added > 0 ? `loaded (${result.villagesCreated} villages, ${result.usersCreated.length} accounts, ${result.householdsCreated} households, ${result.parcelsCreated} tax-map parcels${result.basemapCreated ? ', a basemap' : ''} added)` : 'already loaded'}.`,
  );
  console.log(`Demo accounts, all with password ${DEMO_PASSWORD}:`);
  for (const account of DEMO_ACCOUNTS) {
    console.log(`    ${account.username.padEnd(12)} ${account.note}`);
  }
  console.log('');
}

function printAddresses(config: CliConfig): void {
  const scheme = config.tls ? 'https' : 'http';
  const db = config.store.kind === 'sqlite' ? config.store.file : 'PostgreSQL (DATABASE_URL)';
  console.log(
    `\nTambon Field is running at ${scheme}://localhost:${config.port}  (database: ${db})`,
  );
  if (config.host !== '0.0.0.0' && config.host !== '::') return;
  for (const address of lanAddresses())
    console.log(`    on the LAN: ${scheme}://${address}:${config.port}`);
  if (!config.tls) {
    console.log(
      '    (phones and tablets need HTTPS to install the app and work offline: use --tls-cert/--tls-key or a reverse proxy)',
    );
  }
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((net) => net && net.family === 'IPv4' && !net.internal)
    .map((net) => net?.address ?? '');
}
