// `backup` and `restore FILE`, and the pid file that lets `restore` refuse a running server.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupManifest } from '../../shared/api/backups';
import { type RestoreOutcome, restoreBackup, takeBackup } from '../backup/backups';
import { ERASURE_JOURNAL_FILE } from '../backup/erasureJournal';
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
  const outcome = await restoreBackup(config.store, file, { journalDir: config.backups.dir });
  const { text, unchecked } = describeRestore(outcome);
  if (unchecked) {
    console.error(text);
    process.exitCode = 1;
  } else console.log(text);
}

/**
 * What `restore` tells the operator: the backup restored, where the old database is, and the
 * PDPA erasures made after the backup applied again — counts only, never a personal value.
 * `unchecked`: neither the old database nor the erasure journal could be read, or an erasure
 * could not be applied again.
 */
export function describeRestore(outcome: RestoreOutcome): { text: string; unchecked: boolean } {
  const { manifest, keptAside, erasures } = outcome;
  const lines = [
    `Restored the backup of ${manifest.createdAt} (schema ${manifest.schemaVersion}).`,
  ];
  lines.push(
    keptAside
      ? `The database it replaced is kept as ${keptAside}; remove it once the server runs well.`
      : 'There was no database to keep aside (it was missing).',
  );
  if (erasures.unchecked) {
    lines.push(
      '',
      '!!! WARNING: PDPA ERASURES COULD NOT BE CHECKED !!!',
      `The erasure journal (${ERASURE_JOURNAL_FILE} in the backup directory) was ${erasures.journal}, ` +
        `and the replaced database was ${erasures.keptAside}. Personal data erased after ` +
        `${manifest.createdAt} may be back on the server and will reach devices at their next sync.`,
      'Before starting the server, find the erasure requests handled since then (privacy request ' +
        'forms, the audit log) and erase those people again.',
      '',
    );
  } else {
    const from = [
      erasures.keptAside === 'read' ? 'the replaced database' : null,
      erasures.journal === 'read' ? 'the erasure journal' : null,
    ].filter(Boolean);
    lines.push(
      `PDPA erasures made after the backup applied again: ${erasures.reapplied} ` +
        `(checked against ${from.join(' and ')}).`,
    );
    if (erasures.journal !== 'read') {
      lines.push(
        `Note: the erasure journal was ${erasures.journal}; the replaced database sufficed.`,
      );
    }
    if (erasures.failed.length > 0) {
      lines.push(
        '',
        `!!! WARNING: ${erasures.failed.length} PDPA ERASURE(S) COULD NOT BE APPLIED AGAIN !!!`,
        `Erase those people again before starting the server (privacy requests ${erasures.failed.join(', ')}).`,
        '',
      );
    }
    if (erasures.badJournalLines > 0) {
      lines.push(`Note: ${erasures.badJournalLines} line(s) of the erasure journal did not read.`);
    }
  }
  lines.push(
    'Start the server: it brings the database up to the current schema, and devices re-send ' +
      'what they synced after this backup.',
  );
  return { text: lines.join('\n'), unchecked: erasures.unchecked || erasures.failed.length > 0 };
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
