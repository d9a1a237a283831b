// `backup` and `restore FILE`, and the pid file that lets `restore` refuse a running server.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupManifest } from '../../shared/api/backups';
import { restoreBackup, takeBackup } from '../backup/backups';
import type { CliConfig } from './config';

export async function backupCommand(config: CliConfig, appVersion: string): Promise<void> {
  const manifest = await takeBackup({
    store: config.store,
    dir: config.backups.dir,
    appVersion,
    keep: Math.max(1, config.backups.keep),
  });
  console.log(describeBackup(config.backups.dir, manifest));
  if (!manifest.verified) process.exitCode = 1;
}

export async function restoreCommand(config: CliConfig, file: string): Promise<void> {
  const running = runningServerPid(config);
  if (running !== null) {
    throw new Error(`The server is running (pid ${running}): stop it before restoring.`);
  }
  const { manifest, keptAside } = await restoreBackup(config.store, file);
  console.log(
    `Restored the backup of ${manifest.createdAt} (schema ${manifest.schemaVersion}).\n` +
      `The database it replaced is kept as ${keptAside}; remove it once the server runs well.\n` +
      'Start the server: it brings the database up to the current schema, and devices re-send ' +
      'what they synced after this backup.',
  );
}

export function describeBackup(dir: string, manifest: BackupManifest): string {
  const size = `${(manifest.bytes / 1024 / 1024).toFixed(1)} MB`;
  return manifest.verified
    ? `Backup ${join(dir, manifest.file)} (${size}) taken and restore-checked.`
    : `Backup FAILED: ${manifest.error}`;
}

function pidFile(config: CliConfig): string {
  return join(config.dataDir, 'server.pid');
}

/** Written by `start` (SQLite), removed when it stops. */
export function writePidFile(config: CliConfig): () => void {
  if (config.store.kind !== 'sqlite') return () => {};
  const path = pidFile(config);
  writeFileSync(path, String(process.pid));
  return () => rmSync(path, { force: true });
}

function runningServerPid(config: CliConfig): number | null {
  const path = pidFile(config);
  if (!existsSync(path)) return null;
  const pid = Number(readFileSync(path, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}
