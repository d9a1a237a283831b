// Taking, checking, listing and restoring backups of either database, and the nightly schedule.
// A backup counts as good only after it was restored into a scratch database and checked.
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupList, BackupManifest } from '../../shared/api/backups';
import { uuidv7 } from '../../shared/ids';
import { createStore, type Store, type StoreConfig } from '../store';
import { BackupCheckFailed } from './check';
import { type ErasureSources, type ReappliedErasures, reapplyErasures } from './erasures';
import {
  backupFileName,
  listManifests,
  readManifest,
  removeBackup,
  sha256OfFile,
  sizeOf,
  writeManifest,
} from './files';
import { backupDue, backupsToDelete, lastGood, lastScheduledTime } from './policy';
import { restorePostgresBackup, takePostgresBackup, verifyPostgresBackup } from './postgres';
import { gunzipTo, takeSqliteBackup, verifySqliteBackup } from './sqlite';

export { BackupCheckFailed } from './check';

export interface BackupOptions {
  store: StoreConfig;
  dir: string;
  appVersion: string;
  /** How many backups to keep (the newest good one is never deleted). */
  keep: number;
  now?: () => Date;
}

/** Takes a backup, checks it by restoring it, writes its manifest, and prunes old ones. */
export async function takeBackup(options: BackupOptions): Promise<BackupManifest> {
  const now = options.now ?? (() => new Date());
  await mkdir(options.dir, { recursive: true });
  const at = now();
  const file = backupFileName(options.store.kind, at);
  const path = join(options.dir, file);
  let manifest: BackupManifest = {
    file,
    kind: options.store.kind,
    schema: null,
    createdAt: at.toISOString(),
    schemaVersion: 0,
    appVersion: options.appVersion,
    bytes: 0,
    sha256: '0'.repeat(64),
    tables: {},
    verifiedAt: null,
    verified: false,
    error: null,
  };
  try {
    const copy =
      options.store.kind === 'sqlite'
        ? { ...(await takeSqliteBackup(options.store.file, path)), schema: null }
        : await takePostgresBackup(options.store, path);
    manifest = {
      ...manifest,
      ...copy,
      bytes: await sizeOf(path),
      sha256: await sha256OfFile(path),
    };
    manifest = await verifyBackup(options, manifest, now);
  } catch (error) {
    manifest = { ...manifest, error: `backup failed: ${(error as Error).message}` };
  }
  await writeManifest(options.dir, manifest);
  if (manifest.verified) await prune(options);
  return manifest;
}

/** Restores the backup into a scratch database and checks it; the manifest says how it went. */
export async function verifyBackup(
  options: Pick<BackupOptions, 'store' | 'dir'>,
  manifest: BackupManifest,
  now: () => Date = () => new Date(),
): Promise<BackupManifest> {
  const path = join(options.dir, manifest.file);
  try {
    if (!existsSync(path)) throw new BackupCheckFailed('the backup file is missing');
    if ((await sha256OfFile(path)) !== manifest.sha256) {
      throw new BackupCheckFailed('the backup file has changed since it was taken (checksum)');
    }
    if (manifest.kind === 'sqlite') await verifySqliteBackup(path, manifest);
    else {
      if (options.store.kind !== 'postgres')
        throw new BackupCheckFailed('a PostgreSQL backup needs DATABASE_URL to be checked');
      await verifyPostgresBackup(options.store.url, path, {
        ...manifest,
        schema: manifest.schema ?? 'public',
      });
    }
    return { ...manifest, verified: true, verifiedAt: now().toISOString(), error: null };
  } catch (error) {
    return {
      ...manifest,
      verified: false,
      verifiedAt: now().toISOString(),
      error: (error as Error).message,
    };
  }
}

export async function listBackups(dir: string, scheduled: boolean): Promise<BackupList> {
  const backups = await listManifests(dir);
  return { backups, lastGoodAt: lastGood(backups)?.createdAt ?? null, scheduled };
}

async function prune(options: BackupOptions): Promise<void> {
  const manifests = await listManifests(options.dir);
  for (const file of backupsToDelete(manifests, options.keep)) {
    await removeBackup(options.dir, file);
  }
}

export interface RestoreOptions {
  now?: () => Date;
  /** The server's backup directory, where the erasure journal is (the backup's own is read too). */
  journalDir?: string;
}

export interface RestoreOutcome {
  manifest: BackupManifest;
  /** The database the backup replaced, kept aside; null when there was none (a lost database). */
  keptAside: string | null;
  /** The PDPA erasures made after the backup, applied again. */
  erasures: ReappliedErasures;
}

/**
 * `restore FILE`: checks the backup (refusing one from a newer schema), then puts it in place
 * of the server's database, which is kept aside (its new name is returned), and applies again
 * the erasures made after the backup. The server must be stopped; it migrates the restored
 * database to the current schema when it starts.
 */
export async function restoreBackup(
  store: StoreConfig,
  backupPath: string,
  options: RestoreOptions = {},
): Promise<RestoreOutcome> {
  const now = options.now ?? (() => new Date());
  const dir = join(backupPath, '..');
  const file = backupPath.slice(dir.length + 1);
  const manifest = await readManifest(dir, file);
  if (!manifest) {
    throw new BackupCheckFailed(
      `no manifest beside ${backupPath} (${file}.json): only backups taken by this server can be restored`,
    );
  }
  if (manifest.kind !== store.kind) {
    throw new BackupCheckFailed(`a ${manifest.kind} backup cannot be restored into ${store.kind}`);
  }
  const checked = await verifyBackup({ store, dir }, manifest, now);
  if (!checked.verified) throw new BackupCheckFailed(checked.error ?? 'the backup did not check');
  const stamp = now()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const keptAside =
    store.kind === 'postgres'
      ? await restorePostgresBackup(
          store,
          backupPath,
          manifest.schema ?? 'public',
          stamp.toLowerCase(),
        )
      : await restoreSqliteFile(store.file, backupPath, stamp);
  const erasures = await settleRestored(store, {
    keptAside,
    journalDirs: [options.journalDir ?? dir, dir],
    now,
  });
  return { manifest: checked, keptAside, erasures };
}

/**
 * The restored database is brought to the current schema and given a new epoch: devices that
 * see it send again what the server acknowledged after the backup, and pull afresh. Then the
 * erasures made after the backup are applied again (at new seqs, so the fresh pull brings the
 * records without the erased values).
 */
async function settleRestored(
  config: StoreConfig,
  sources: ErasureSources & { now: () => Date },
): Promise<ReappliedErasures> {
  const restored = await createStore(config);
  try {
    await restored.migrate();
    await restored.renewServerEpoch(uuidv7());
    return await reapplyErasures(restored, config, sources, sources.now);
  } finally {
    await restored.close();
  }
}

async function restoreSqliteFile(
  file: string,
  backupPath: string,
  stamp: string,
): Promise<string | null> {
  const aside = `${file}.before-restore-${stamp}`;
  const incoming = `${file}.restoring`;
  await gunzipTo(backupPath, incoming);
  const keptAside = existsSync(file) ? aside : null;
  if (keptAside) await rename(file, keptAside);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) await rename(file + suffix, aside + suffix);
  }
  await rename(incoming, file);
  return keptAside;
}

/** A claim this old without a good backup since is taken over (as a failed attempt is retried). */
const CLAIM_STALE_MS = 60 * 60 * 1000;
const CLAIMS_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

export interface BackupSchedule {
  /** Checks whether a backup is due and takes it; resolves when done. */
  tick(): Promise<BackupManifest | null>;
  stop(): void;
}

/**
 * Nightly backups: every `checkEveryMs` the schedule asks whether one is due (none attempted
 * since `hour`:00 Bangkok time), so a server that was off at night takes one when it starts.
 */
export function scheduleBackups(
  options: BackupOptions & {
    hour: number;
    checkEveryMs: number;
    log: (manifest: BackupManifest) => void;
    /**
     * The open database, where processes serving it claim each night's backup: only the first
     * takes it (the others would write the same backup again, and race to prune).
     */
    claims?: { store: Store; by: string };
  },
): BackupSchedule {
  const now = options.now ?? (() => new Date());
  let lastAttemptAt: Date | null = null;
  let running: Promise<BackupManifest | null> | null = null;
  const claimed = async (at: Date) => {
    if (!options.claims) return true;
    const slot = lastScheduledTime(at, options.hour).toISOString();
    const { store, by } = options.claims;
    await store.purgeBackupClaims(new Date(at.getTime() - CLAIMS_KEPT_MS).toISOString());
    return store.claimBackupSlot({
      slot,
      by,
      at: at.toISOString(),
      staleBefore: new Date(at.getTime() - CLAIM_STALE_MS).toISOString(),
    });
  };
  const tick = async () => {
    if (running) return running;
    running = (async () => {
      const manifests = await listManifests(options.dir);
      if (!backupDue(manifests, now(), options.hour, lastAttemptAt)) return null;
      lastAttemptAt = now();
      if (!(await claimed(lastAttemptAt))) return null;
      const manifest = await takeBackup(options);
      options.log(manifest);
      return manifest;
    })().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => void tick(), options.checkEveryMs);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
