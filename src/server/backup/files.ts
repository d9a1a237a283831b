// The backup directory: one data file per backup and its manifest beside it (`<file>.json`).
// The manifest is written last and replaced atomically, so a listing never reads half of one.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BackupManifest } from '../../shared/api/backups';

const MANIFEST_SUFFIX = '.json';

/** `tambon-field-20261205T020000Z.sqlite.gz`: sorts by time, says what it holds. */
export function backupFileName(kind: BackupManifest['kind'], at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `tambon-field-${stamp}.${kind === 'sqlite' ? 'sqlite.gz' : 'pgdump'}`;
}

export function manifestPath(dir: string, file: string): string {
  return join(dir, `${file}${MANIFEST_SUFFIX}`);
}

export async function writeManifest(dir: string, manifest: BackupManifest): Promise<void> {
  const path = manifestPath(dir, manifest.file);
  await writeFile(`${path}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}

/** The manifest beside a backup file, or null when it is missing or unreadable. */
export async function readManifest(dir: string, file: string): Promise<BackupManifest | null> {
  try {
    const text = await readFile(manifestPath(dir, file), 'utf8');
    const parsed = BackupManifest.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Every readable manifest of the directory, newest first. */
export async function listManifests(dir: string): Promise<BackupManifest[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const manifests = await Promise.all(
    names
      .filter((name) => name.startsWith('tambon-field-') && name.endsWith(MANIFEST_SUFFIX))
      .map((name) => readManifest(dir, name.slice(0, -MANIFEST_SUFFIX.length))),
  );
  return manifests
    .filter((m): m is BackupManifest => m !== null)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function removeBackup(dir: string, file: string): Promise<void> {
  await rm(join(dir, file), { force: true });
  await rm(manifestPath(dir, file), { force: true });
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function sizeOf(path: string): Promise<number> {
  return (await stat(path)).size;
}
