// CLI of the server: `node --import tsx src/server/main.ts [start|create-admin|seed-demo] [flags]`.
import { readFileSync } from 'node:fs';
import { backupCommand, restoreCommand } from './cli/backup';
import { type CliConfig, parseCli, prepareDataDir, USAGE } from './cli/config';
import { createAdminCommand } from './cli/createAdmin';
import { seedDemoCommand, startCommand } from './cli/start';
import { createStore } from './store';

async function main(): Promise<void> {
  let config: CliConfig;
  try {
    config = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (config.command === 'help') {
    console.log(USAGE);
    return;
  }

  prepareDataDir(config);
  if (config.command === 'backup') return backupCommand(config, appVersion());
  if (config.command === 'restore' && config.restoreFile)
    return restoreCommand(config, config.restoreFile);
  const store = await createStore(config.store);
  await store.migrate();
  if (config.command === 'start') {
    await startCommand(store, config, appVersion());
    return;
  }
  try {
    if (config.command === 'create-admin') await createAdminCommand(store, config);
    else await seedDemoCommand(store);
  } finally {
    await store.close();
  }
}

function appVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return String(pkg.version ?? 'dev');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
